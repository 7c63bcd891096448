// @vitest-environment jsdom
// The keyboard shortcuts stand aside where focus owns the key (issue 14: → on a focused button or
// tab ran a step, and the tab did not change).
import { describe, expect, it } from 'vitest';
import { shortcutFor } from './useKeyboard';

function keyOn(html: string, key: string, mods: Partial<KeyboardEventInit> = {}) {
  document.body.innerHTML = html;
  const target = document.querySelector('[data-target]') ?? document.body;
  let seen: KeyboardEvent | null = null;
  target.addEventListener('keydown', (e) => (seen = e as KeyboardEvent), { once: true });
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...mods }));
  return shortcutFor(seen!);
}

describe('keyboard shortcuts', () => {
  it.each([
    ['→ on the page steps', '<main data-target></main>', 'ArrowRight', 'step'],
    ['← on the page steps back', '<main data-target></main>', 'ArrowLeft', 'back'],
    ['Space on the page plays or pauses', '<main data-target></main>', ' ', 'play'],
    [
      '→ on a focused button is left to the button',
      '<button data-target>Sync</button>',
      'ArrowRight',
      null,
    ],
    [
      '→ on a tab moves between tabs',
      '<div role="tablist"><button role="tab" data-target>Lanes</button></div>',
      'ArrowRight',
      null,
    ],
    [
      '← on a tab inside a panel is the tab list’s',
      '<div role="tab" tabindex="0" data-target>Compare</div>',
      'ArrowLeft',
      null,
    ],
    ['Space on a link is the link’s', '<a href="#x" data-target>x</a>', ' ', null],
    ['→ in a text field moves the caret', '<input data-target>', 'ArrowRight', null],
    [
      '→ in a select is the select’s',
      '<select data-target><option>1</option></select>',
      'ArrowRight',
      null,
    ],
    [
      '→ inside an element inside a button is the button’s',
      '<button><span data-target>Step</span></button>',
      'ArrowRight',
      null,
    ],
    ['? on the page opens the shortcuts sheet', '<main data-target></main>', '?', 'help'],
    ['? on a focused button opens it too', '<button data-target>Sync</button>', '?', 'help'],
    ['? in a text field is text', '<input data-target>', '?', null],
    ['other keys are not shortcuts', '<main data-target></main>', 'a', null],
  ])('%s', (_name, html, key, expected) => {
    expect(keyOn(html, key)).toBe(expected);
  });

  it('a modifier leaves the key to the browser (Alt+← is history back)', () => {
    expect(keyOn('<main data-target></main>', 'ArrowLeft', { altKey: true })).toBeNull();
  });
});
