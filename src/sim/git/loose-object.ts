// Git objects made here rather than by isomorphic-git's write calls: the same bytes and the same
// ids, synchronously (SHA-1 by @noble/hashes). isomorphic-git hashes with crypto.subtle and deflates through a
// CompressionStream where the platform has them (browsers, Node 20): two asynchronous round
// trips per object, about 1.1 ms per object in Node against 0.3 ms for this. The object is then
// stored through isomorphic-git (`writeObject`, format 'deflated'), as a loose object.
//
// The renderings follow isomorphic-git's GitTree.toObject and GitCommit.render, which follow git;
// loose-object.test.ts checks them against isomorphic-git on random trees and commits.
import { zlibSync } from 'fflate';
import type { CommitObject, TreeEntry } from 'isomorphic-git';
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export type ObjectType = 'blob' | 'tree' | 'commit';

const encoder = new TextEncoder();

/** The id and the stored (zlib-deflated) form of an object with this content. */
export function looseObject(
  type: ObjectType,
  content: Uint8Array,
): { oid: string; deflated: Uint8Array } {
  const head = encoder.encode(`${type} ${content.length}\0`);
  const wrapped = new Uint8Array(head.length + content.length);
  wrapped.set(head);
  wrapped.set(content, head.length);
  const oid = bytesToHex(sha1(wrapped));
  return { oid, deflated: deflate(wrapped) };
}

/** zlib at level 1: any level is valid git; the fastest suits a repository that lives in memory. */
export type Deflate = (data: Uint8Array) => Uint8Array;

let deflate: Deflate = (data) => zlibSync(data, { level: 1 });

/**
 * A platform's own zlib, where it has a faster one (Node's is native). The bytes stored may then
 * differ between platforms; the object ids, which hash the content before it is deflated, do not.
 */
export function useDeflate(fn: Deflate): void {
  deflate = fn;
}

/** Git orders names by their UTF-8 bytes (code points), a directory as if it ended in "/". */
function treeOrderKey(e: TreeEntry): string {
  return e.mode === '040000' ? `${e.path}/` : e.path;
}

function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

const ASCII = /^[\x20-\x7e]*$/;

function compareKeys(ka: string, kb: string): number {
  if (ASCII.test(ka) && ASCII.test(kb)) return ka < kb ? -1 : ka > kb ? 1 : 0;
  return compareCodePoints(ka, kb);
}

/** The entries in git's order; each order key is made once, and a tree in order is not sorted. */
function inTreeOrder(entries: readonly TreeEntry[]): readonly TreeEntry[] {
  const keys = entries.map(treeOrderKey);
  const ascii = keys.every((k) => ASCII.test(k));
  const compare = ascii ? (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0) : compareKeys;
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = compare(keys[i - 1]!, keys[i]!) <= 0;
  if (sorted) return entries;
  return keys
    .map((key, i) => ({ key, entry: entries[i]! }))
    .sort((a, b) => compare(a.key, b.key))
    .map((x) => x.entry);
}

const HEX_VALUE = new Uint8Array(128);
for (let i = 0; i < 16; i++) {
  HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;
  HEX_VALUE['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/** Writes the bytes a hex object id spells into `out` at `at`. */
function writeHex(hex: string, out: Uint8Array, at: number): void {
  for (let i = 0; i < hex.length; i += 2)
    out[at + i / 2] = (HEX_VALUE[hex.charCodeAt(i)]! << 4) | HEX_VALUE[hex.charCodeAt(i + 1)]!;
}

/** A tree's content: `<mode> <name>\0<20-byte id>` per entry, in git's order. */
export function treeContent(entries: readonly TreeEntry[]): Uint8Array {
  const sorted = inTreeOrder(entries);
  const heads = sorted.map(
    (e) => `${e.mode.startsWith('0') ? e.mode.slice(1) : e.mode} ${e.path}\0`,
  );
  // The entries' heads are encoded in one call; again per entry when a name is not ASCII (a
  // character then takes more bytes than UTF-16 units, so the heads' offsets differ).
  const text = heads.join('');
  const all = encoder.encode(text);
  const ascii = all.length === text.length;
  const encoded = ascii ? [all] : heads.map((h) => encoder.encode(h));
  const headBytes = encoded.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(headBytes + 20 * sorted.length);
  let at = 0;
  let from = 0;
  sorted.forEach((e, i) => {
    const head = ascii ? encoded[0]!.subarray(from, from + heads[i]!.length) : encoded[i]!;
    from += head.length;
    out.set(head, at);
    at += head.length;
    writeHex(e.oid, out, at);
    at += 20;
  });
  return out;
}

function formatTimezoneOffset(minutes: number): string {
  // Git's offset has the opposite sign of JavaScript's getTimezoneOffset; -0 means "-0000".
  const negated = minutes === 0 ? minutes : -minutes;
  const sign = Math.sign(negated) || (Object.is(negated, -0) ? -1 : 1);
  const abs = Math.abs(minutes);
  const hours = String(Math.floor(abs / 60)).padStart(2, '0');
  const mins = String(abs % 60).padStart(2, '0');
  return `${sign === -1 ? '-' : '+'}${hours}${mins}`;
}

function formatPerson(p: CommitObject['author']): string {
  return `${p.name} <${p.email}> ${p.timestamp} ${formatTimezoneOffset(p.timezoneOffset)}`;
}

/** A commit's content. `message` must already be normalized (no CR, one final newline). */
export function commitContent(commit: CommitObject): Uint8Array {
  let text = `tree ${commit.tree}\n`;
  for (const p of commit.parent) text += `parent ${p}\n`;
  text += `author ${formatPerson(commit.author)}\n`;
  text += `committer ${formatPerson(commit.committer ?? commit.author)}\n`;
  return encoder.encode(`${text}\n${commit.message}`);
}
