// `patch: { path: { key.path: value } }` for commits: sets fields of a YAML manifest in place,
// keeping its comments and layout, as a person editing the file would. Keys are dotted paths with
// `[n]` for list items and `['a.b']` for keys with dots (`metadata.annotations['prometheus.io/port']`);
// in a file of several objects the path starts with the object: `Deployment/podinfo:spec.replicas`.
// Missing map keys are created; an index out of range or a path through a scalar is refused.
import { isMap, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import { parsePath } from '../cluster';
import { CodedError } from '../coded-error';
import { isSafeKey, unsafeKeyMessage } from '../safe-keys';

export class PatchError extends CodedError<'E_PATCH', { file: string; key: string }> {
  constructor(message: string, data: { file: string; key: string }) {
    super('E_PATCH', message, data);
  }
}

const OBJECT_PREFIX = /^([A-Za-z][\w]*)\/([a-z0-9.-]+):(.+)$/;

type Seg = string | number;

function toSegments(key: string, file: string, original: string): Seg[] {
  const parsed = parsePath(key);
  if (!parsed)
    throw new PatchError(
      `${file}: "${original}" is not a field path (write spec.replicas, containers[0].image, annotations['a.b'])`,
      { file, key: original },
    );
  return parsed.map((s) => {
    if (typeof s === 'string' && !isSafeKey(s))
      throw new PatchError(`${file}: "${original}": ${unsafeKeyMessage(s)}`, {
        file,
        key: original,
      });
    if (typeof s === 'object')
      throw new PatchError(
        `${file}: "${original}": use a list index such as [0], not [${s.key}=${String(s.value)}]`,
        { file, key: original },
      );
    return s;
  });
}

function pickDocument(
  docs: Document[],
  file: string,
  key: string,
): { doc: Document; path: string } {
  // Empty documents between `---` lines hold no object.
  const real = docs.filter((d) => d.contents !== null && d.toJS() !== null);
  const m = OBJECT_PREFIX.exec(key);
  if (m) {
    const [, kind, name, path] = m;
    const doc = real.find(
      (d) => d.getIn(['kind']) === kind && d.getIn(['metadata', 'name']) === name,
    );
    if (!doc) throw new PatchError(`${file} has no ${kind}/${name}`, { file, key });
    return { doc, path: path! };
  }
  if (real.length !== 1) {
    throw new PatchError(
      `${file} holds ${real.length} objects: start the path with the object, such as Deployment/web:spec.replicas`,
      { file, key },
    );
  }
  return { doc: real[0]!, path: key };
}

/** Sets one value; a scalar replaced by a scalar keeps its comment and style. */
function setValue(
  doc: Document,
  parent: { get(k: unknown, keep: true): unknown; set(k: unknown, v: unknown): void },
  key: string | number,
  value: unknown,
): void {
  const current = parent.get(key, true);
  const scalar = value === null || ['string', 'number', 'boolean'].includes(typeof value);
  if (isScalar(current) && scalar) current.value = value;
  else parent.set(key, doc.createNode(value));
}

function setField(doc: Document, segments: Seg[], value: unknown, file: string, key: string): void {
  let node: unknown = doc.contents;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const last = i === segments.length - 1;
    const here = segments.slice(0, i).join('.') || 'the document';
    if (isScalar(node) || node === null || node === undefined) {
      throw new PatchError(`${file}: "${key}" runs through a scalar at ${here}`, { file, key });
    }
    if (typeof seg === 'number') {
      if (!isSeq(node))
        throw new PatchError(`${file}: "${key}": ${here} is not a list`, { file, key });
      if (seg >= node.items.length)
        throw new PatchError(
          `${file}: "${key}": index ${seg} is out of range (${here} has ${node.items.length} items)`,
          { file, key },
        );
      if (last) setValue(doc, node, seg, value);
      else node = node.get(seg, true);
      continue;
    }
    if (!isMap(node))
      throw new PatchError(`${file}: "${key}": ${here} is not a map`, { file, key });
    if (last) {
      setValue(doc, node, seg, value);
    } else {
      if (!node.has(seg)) {
        if (typeof segments[i + 1] === 'number')
          throw new PatchError(
            `${file}: "${key}": index ${String(segments[i + 1])} is out of range (${seg} does not exist)`,
            { file, key },
          );
        node.set(seg, doc.createNode({}));
      }
      node = node.get(seg, true);
    }
  }
}

/** The file's text with every field of `patch` set. Throws PatchError (code E_PATCH). */
export function patchYaml(text: string, file: string, patch: Record<string, unknown>): string {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) throw new PatchError(`${file} is empty`, { file, key: '' });
  const broken = docs.find((d) => d.errors.length > 0);
  if (broken)
    throw new PatchError(`${file} is not valid YAML: ${broken.errors[0]!.message.split('\n')[0]}`, {
      file,
      key: '',
    });
  for (const [key, value] of Object.entries(patch)) {
    const { doc, path } = pickDocument(docs, file, key);
    setField(doc, toSegments(path, file, key), value, file, key);
  }
  return docs.map((d) => d.toString()).join('');
}
