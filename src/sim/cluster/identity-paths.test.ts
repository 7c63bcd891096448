import { describe, expect, it } from 'vitest';
import { isIdentityPath } from './identity-paths';

describe('identity paths', () => {
  it.each(['apiVersion', 'kind', 'metadata.name', 'metadata.namespace'])(
    '%s names the object',
    (path) => expect(isIdentityPath(path)).toBe(true),
  );

  it.each(['metadata.labels.app', 'metadata.uid', 'spec.template.metadata.name', 'kindly'])(
    '%s does not name the object',
    (path) => expect(isIdentityPath(path)).toBe(false),
  );
});
