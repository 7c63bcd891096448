import { describe, expect, it } from 'vitest';
import { ClusterError } from './cluster/errors';
import { CodedError, isCodedError } from './coded-error';
import { RefNotFoundError } from './git/errors';
import { KubectlError } from './kubectl/errors';
import { SandboxError } from './sandbox-errors';

describe('CodedError', () => {
  it.each([
    [new RefNotFoundError('branch', 'feature'), 'RefNotFoundError', 'E_REF_NOT_FOUND'],
    [new ClusterError('E_NOT_FOUND', 'not found'), 'ClusterError', 'E_NOT_FOUND'],
    [new KubectlError('E_UNKNOWN_FLAG', 'unknown flag'), 'KubectlError', 'E_UNKNOWN_FLAG'],
    [new SandboxError('E_BAD_FAULT', 'not on this lane'), 'SandboxError', 'E_BAD_FAULT'],
  ])('%s is a coded error named for its class, with its stable code', (e, name, code) => {
    expect(isCodedError(e)).toBe(true);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe(name);
    expect(e.code).toBe(code);
  });

  it('carries the typed data it was given, and {} when the data is left out', () => {
    expect(new RefNotFoundError('tag', 'v1').data).toEqual({ kind: 'tag', name: 'v1' });
    expect(new ClusterError('E_INVALID', 'bad', { object: 'Deployment/web' }).data).toEqual({
      object: 'Deployment/web',
    });
    expect(new CodedError('E_X', 'x').data).toEqual({});
  });

  it.each([
    ['a plain Error', new Error('boom')],
    ['an error-like object with a code', { code: 'E_NOT_FOUND', message: 'not found' }],
    ['a string', 'E_NOT_FOUND'],
    ['nothing', undefined],
  ])('%s is not a coded error (it is a bug, not a refusal)', (_, e) => {
    expect(isCodedError(e)).toBe(false);
  });
});
