// @vitest-environment jsdom
// Which panels are open survives a reload (issue 14), and what is read back is checked: the
// stored text is untrusted (another build, a hand edit, a hostile key).
import { beforeEach, describe, expect, it } from 'vitest';
import { PANELS_KEY, rememberOpen, reloadRemembered, useRememberedOpen } from './remembered';
import { renderHook } from '@testing-library/react';

beforeEach(() => {
  localStorage.clear();
  reloadRemembered();
});

const openAfterReload = (name: string, fallback: boolean) => {
  reloadRemembered();
  return renderHook(() => useRememberedOpen(name, fallback)).result.current[0];
};

describe('remembered panels', () => {
  it('keeps a panel closed or open across a reload, others at their default', () => {
    rememberOpen('gitops.history', true);
    rememberOpen('devops.diagram', false);
    expect(openAfterReload('gitops.history', false)).toBe(true);
    expect(openAfterReload('devops.diagram', true)).toBe(false);
    expect(openAfterReload('console', false)).toBe(false);
    expect(JSON.parse(localStorage.getItem(PANELS_KEY)!)).toEqual({
      'gitops.history': true,
      'devops.diagram': false,
    });
  });

  it.each([
    ['text that is not JSON', '{not json'],
    ['a list', '[true]'],
    ['a value that is not a boolean', '{"console": "yes"}'],
    ['a prototype key', '{"__proto__": {"polluted": true}, "console": 1}'],
  ])('reads %s as nothing remembered', (_what, text) => {
    localStorage.setItem(PANELS_KEY, text);
    expect(openAfterReload('console', false)).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a name that is not a panel name', () => {
    expect(() => rememberOpen('__proto__', true)).toThrow(/not a panel name/);
  });
});
