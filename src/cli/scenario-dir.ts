// Reading a scenario's `repo.dir`: the files of a folder next to the scenario, keyed by their path
// inside it. The folder and everything in it must stay inside the scenario's own folder once
// symlinks are resolved (realpath), so a scenario cannot commit a file from elsewhere on the disk
// (`../..`, an absolute path, a symlink out). Entries are looked at (lstat) before they are opened:
// a FIFO, socket or device is refused unread (opening a FIFO would wait forever), and a folder
// that cannot be read is refused with its reason.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CodedError } from '../sim/coded-error';
import { MAX_BYTES } from '../sim/scenario';
import { safeRecord, type SafeRecord } from '../sim/safe-keys';

/** What a repo.dir may hold: each file within the scenario size limit, and this much in all. */
export const MAX_DIR_FILES = 1_000;
export const MAX_DIR_BYTES = 10 * MAX_BYTES;

/** A repo.dir that cannot be read as asked. The CLI reports it at the line of `repo.dir`. */
export class DirError extends CodedError<'E_DIR'> {
  constructor(message: string) {
    super('E_DIR', message);
  }
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return stats.isDirectory() ? 'a folder' : 'a file';
}

/** `fn()`, with a file system error (EACCES, ELOOP, ...) turned into a DirError about `what`. */
function io<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DirError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new DirError(`${what} cannot be read (${code})`);
  }
}

class Walk {
  // A file may be called `__proto__`: it is one more file, not the record's prototype.
  readonly files: SafeRecord<string> = safeRecord<string>();
  private count = 0;
  private bytes = 0;
  private readonly seen = new Set<string>();

  constructor(
    private readonly fence: string,
    private readonly root: string,
  ) {}

  /** `path` resolved, refused when it leaves the fence. */
  private inside(path: string, shown: string): string {
    const real = io(shown, () => realpathSync(path));
    if (real !== this.fence && !real.startsWith(this.fence + sep))
      throw new DirError(`${shown} leads outside the scenario's folder (to ${real})`);
    return real;
  }

  folder(path: string, shown: string): void {
    const real = this.inside(path, shown);
    // A symlink back to a folder above would walk forever.
    if (this.seen.has(real)) throw new DirError(`${shown} is a symlink loop`);
    this.seen.add(real);
    for (const entry of io(shown, () => readdirSync(path)).sort()) this.entry(join(path, entry));
    this.seen.delete(real);
  }

  private entry(path: string): void {
    const shown = relative(this.root, path).split(sep).join('/');
    let stats = io(shown, () => lstatSync(path));
    if (stats.isSymbolicLink()) {
      this.inside(path, shown);
      stats = io(shown, () => statSync(path));
    }
    if (stats.isDirectory()) return this.folder(path, shown);
    if (!stats.isFile()) throw new DirError(`${shown} is ${kindOf(stats)}, not a manifest file`);
    if (++this.count > MAX_DIR_FILES)
      throw new DirError(`repo.dir holds more than ${MAX_DIR_FILES} files`);
    if (stats.size > MAX_BYTES)
      throw new DirError(`${shown} is larger than 1 MiB (${stats.size} bytes)`);
    this.bytes += stats.size;
    if (this.bytes > MAX_DIR_BYTES)
      throw new DirError(`repo.dir holds more than ${MAX_DIR_BYTES} bytes`);
    this.files[shown] = io(shown, () => readFileSync(path, 'utf8'));
  }
}

/**
 * The files under `dir` (relative to the scenario file), keyed by their path inside `dir`; null
 * when there is nothing at `dir`. Throws DirError when `dir` or something in it is refused.
 */
export function readDir(scenarioFile: string, dir: string): Record<string, string> | null {
  if (isAbsolute(dir)) throw new DirError(`repo.dir must be relative to the scenario, not ${dir}`);
  const base = dirname(scenarioFile);
  const fence = io('the scenario folder', () => realpathSync(base));
  const root = resolve(base, dir);
  let stats: Stats;
  try {
    stats = lstatSync(root);
  } catch {
    return null;
  }
  const walk = new Walk(fence, root);
  const shown = `repo.dir ${dir}`;
  if (stats.isSymbolicLink()) stats = io(shown, () => statSync(root));
  if (!stats.isDirectory()) throw new DirError(`${shown} is ${kindOf(stats)}, not a folder`);
  walk.folder(root, shown);
  return walk.files;
}
