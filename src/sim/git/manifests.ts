// Reading the Kubernetes manifests under a folder at a revision: every *.yaml, *.yml and *.json
// file (recursively), split into documents and parsed with the `yaml` package.
// Parse errors are data, not exceptions: a lane that commits broken YAML must fail visibly, with
// the file, line and column a learner can look at.
// Cached twice: by blob oid (a file parsed once, whatever revision it appears in) and by the
// folder's tree oid (an unchanged folder costs one map lookup).
import { LineCounter, parseAllDocuments, type YAMLError } from 'yaml';
import { unsafeKeyMessage, unsafeYamlKeys } from '../safe-keys';
import { stored } from '../stored';
import { PathNotFoundError } from './errors';
import { LruMap } from './lru';
import type { FlatTree, ObjectStore } from './objects';

export interface ManifestDoc {
  file: string;
  /** Position of the document in its file, counting from 0 (empty documents included). */
  index: number;
  /** The document as plain JSON-like data, stored (../stored.ts): shared and never edited. */
  doc: unknown;
}

export interface ManifestError {
  file: string;
  /** 1-based, like an editor. */
  line: number;
  col: number;
  message: string;
  /** The `yaml` package's error code, e.g. BAD_INDENT, DUPLICATE_KEY; UNSAFE_KEY for `__proto__:`. */
  code: string;
}

/** Deeply frozen: it is shared by every read of the same folder content. */
export interface ManifestSet {
  readonly folder: string;
  /** Tree oid of the folder: equal oids mean identical manifests. */
  readonly tree: string;
  /** Every manifest file read, sorted. */
  readonly files: readonly string[];
  readonly docs: readonly ManifestDoc[];
  readonly errors: readonly ManifestError[];
}

interface ParsedFile {
  docs: Array<{ index: number; doc: unknown }>;
  errors: Array<Omit<ManifestError, 'file'>>;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** One file of a folder as a read found it. */
interface FileRead {
  oid: string;
  docs: readonly ManifestDoc[];
  errors: readonly ManifestError[];
}


export function parseManifestText(text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const stream = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const out: ParsedFile = { docs: [], errors: [] };
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: Math.max(line, 1), col: Math.max(col, 1) };
  };
  const report = (err: YAMLError) =>
    out.errors.push({ ...at(err.pos[0]), message: err.message, code: err.code });
  if ('empty' in stream) {
    stream.errors.forEach(report);
    return out;
  }
  stream.forEach((doc, index) => {
    if (doc.errors.length > 0) return doc.errors.forEach(report);
    // A `__proto__:` key would reach Object.prototype once the object is copied or merged: the
    // document is refused at its line, as a parse error is, never dropped or applied.
    const unsafe = unsafeYamlKeys(doc);
    if (unsafe.length > 0) {
      for (const { key, offset } of unsafe)
        out.errors.push({ ...at(offset), message: unsafeKeyMessage(key), code: 'UNSAFE_KEY' });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (err) {
      // toJS throws on alias bombs (too many alias expansions) rather than reporting them.
      const message = err instanceof Error ? err.message : String(err);
      out.errors.push({ ...at(doc.range[0]), message, code: 'TO_JS' });
      return;
    }
    // Empty documents (`---` twice, or only comments) come out as null; kubectl skips them too.
    if (value !== null && value !== undefined) out.docs.push({ index, doc: stored(value) });
  });
  return out;
}

export class ManifestReader {
  // Bounded like the object store's caches (lru.ts): a dropped entry is parsed again when needed.
  private readonly byFolder = new LruMap<string, ManifestSet>(
    8_192,
    (set) => set.docs.length + set.errors.length,
  );
  private readonly byBlob = new LruMap<string, ParsedFile>(8_192);

  constructor(private readonly store: ObjectStore) {}

  /**
   * Each folder's last read, by file: a new revision of a folder mostly changes a file or two, and
   * the documents of the others are taken over as they are (the same frozen objects).
   */
  private readonly lastRead = new Map<string, Map<string, FileRead>>();

  /** @param folder repository path, '' for the root. @param rev only used in the error message. */
  async read(root: FlatTree, folder: string, rev: string): Promise<ManifestSet> {
    const tree = root.dirs.get(folder);
    if (tree === undefined) throw new PathNotFoundError(folder, rev);
    // The folder path is part of the key: two folders with identical content share a tree oid
    // but not file paths.
    const key = `${folder}\0${tree}`;
    const hit = this.byFolder.get(key);
    if (hit) return hit;

    const prefix = folder === '' ? '' : `${folder}/`;
    const entries: [string, string][] = [];
    for (const [path, { oid }] of root.files)
      if (path.startsWith(prefix) && MANIFEST_FILE.test(path)) entries.push([path, oid]);
    if (!entries.every((e, i) => i === 0 || entries[i - 1]![0] < e[0]))
      entries.sort(([a], [b]) => (a < b ? -1 : 1));
    const last = this.lastRead.get(folder);
    const reads = new Map<string, FileRead>();
    const docs: ManifestDoc[] = [];
    const errors: ManifestError[] = [];
    for (const [file, oid] of entries) {
      let read = last?.get(file);
      if (read?.oid !== oid) read = this.fileRead(file, oid, await this.parse(oid));
      reads.set(file, read);
      docs.push(...read.docs);
      errors.push(...read.errors);
    }
    this.lastRead.set(folder, reads);
    const set: ManifestSet = Object.freeze({
      folder,
      tree,
      files: Object.freeze(entries.map(([path]) => path)),
      docs: Object.freeze(docs),
      errors: Object.freeze(errors),
    });
    this.byFolder.set(key, set);
    return set;
  }

  /** A file's documents and errors, named by its path, frozen. */
  private fileRead(file: string, oid: string, parsed: ParsedFile): FileRead {
    return {
      oid,
      docs: parsed.docs.map((d) => Object.freeze({ file, index: d.index, doc: d.doc })),
      errors: parsed.errors.map((e) => Object.freeze({ file, ...e })),
    };
  }

  private async parse(oid: string): Promise<ParsedFile> {
    const hit = this.byBlob.get(oid);
    if (hit) return hit;
    const parsed = parseManifestText(await this.store.text(oid));
    this.byBlob.set(oid, parsed);
    return parsed;
  }
}
