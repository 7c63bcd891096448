// Input checks for the public entry points. They throw coded errors before anything is written,
// so a bad scenario step fails loudly instead of leaving a half-made commit behind.
import { InvalidArgumentError, InvalidPathError, InvalidRefNameError } from './errors';
import type { Author } from './types';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function assertRepoPath(path: string): void {
  if (typeof path !== 'string' || path === '') throw new InvalidPathError(String(path), 'empty');
  if (path.startsWith('/')) throw new InvalidPathError(path, 'must be relative');
  if (path.includes('\\')) throw new InvalidPathError(path, 'use / as the separator');
  if (CONTROL.test(path)) throw new InvalidPathError(path, 'contains a control character');
  // Git stores names as UTF-8 and orders them by those bytes; half a surrogate pair has neither.
  if (LONE_SURROGATE.test(path))
    throw new InvalidPathError(path, 'is not valid Unicode (half a surrogate pair)');
  for (const part of path.split('/')) {
    if (part === '') throw new InvalidPathError(path, 'empty path segment');
    if (part === '.' || part === '..') throw new InvalidPathError(path, `'${part}' segment`);
    // Git (and isomorphic-git on export) also treats these as `.git`: other case, trailing dots
    // or spaces, invisible characters, the 8.3 short name, and .gitmodules is special to fsck.
    const seen = part
      .toLowerCase()
      .replace(INVISIBLE, '')
      .replace(/[. ]+$/, '');
    if (seen === '.git' || seen === 'git~1' || seen === '.gitmodules')
      throw new InvalidPathError(path, `'${part}' is a name git keeps for itself`);
    if (new TextEncoder().encode(part).length > 255)
      throw new InvalidPathError(path, 'a path segment is longer than 255 bytes');
  }
}

// Characters that file systems (HFS+, NTFS) ignore in names, so `.g\u200cit` is `.git` there.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;

/** A folder argument: like a path, but '' (or '.') means the repository root. */
export function normalizeFolder(folder: string): string {
  const trimmed = folder.replace(/\/+$/, '');
  if (trimmed === '' || trimmed === '.') return '';
  assertRepoPath(trimmed);
  return trimmed;
}

// The subset of `git check-ref-format` rules that a scenario can plausibly break.
export function assertRefName(name: string): void {
  const bad =
    typeof name !== 'string' ||
    name === '' ||
    name === '@' ||
    name === 'HEAD' ||
    name.startsWith('/') ||
    name.endsWith('/') ||
    name.startsWith('-') ||
    name.endsWith('.') ||
    name.endsWith('.lock') ||
    name.includes('..') ||
    name.includes('//') ||
    name.includes('@{') ||
    /[\s~^:?*[\\]/.test(name) ||
    CONTROL.test(name) ||
    name.split('/').some((part) => part.startsWith('.'));
  if (bad) throw new InvalidRefNameError(String(name));
}

export function assertAuthor(author: Author, argument = 'author'): void {
  if (!author || typeof author.name !== 'string' || author.name.trim() === '') {
    throw new InvalidArgumentError(argument, 'name must be non-empty');
  }
  // git's ident line is `Name <email> time zone`: these characters would corrupt it.
  if (/[<>]/.test(author.name) || CONTROL.test(author.name))
    throw new InvalidArgumentError(argument, 'name contains <, > or a control character');
  if (author.email !== undefined && (/[<>]/.test(author.email) || CONTROL.test(author.email))) {
    throw new InvalidArgumentError(argument, 'email contains <, > or a control character');
  }
}

export function assertUser(user: string, argument = 'user'): void {
  if (typeof user !== 'string' || user.trim() === '')
    throw new InvalidArgumentError(argument, 'must be non-empty');
  if (/[<>]/.test(user) || CONTROL.test(user))
    throw new InvalidArgumentError(argument, 'contains <, > or a control character');
}

export function assertMessage(message: string, argument = 'message'): void {
  if (typeof message !== 'string' || message.trim() === '') {
    throw new InvalidArgumentError(argument, 'must be non-empty');
  }
  // Git refuses a NUL in a commit message (fsck: nulInCommit).
  if (message.includes('\u0000'))
    throw new InvalidArgumentError(argument, 'contains a NUL character');
}

export function assertTimestamp(timestamp: number): void {
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || timestamp < 0) {
    throw new InvalidArgumentError('timestamp', 'must be a finite number of ms >= 0');
  }
}
