// `--export-repo DIR`: where the run's repository is written. The folder must be new or empty: the
// export never writes over a file or mixes with files it did not make. A path that is a file (or a
// FIFO, a device) is refused without opening it.
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { CodedError } from '../sim/coded-error';

export class ExportTargetError extends CodedError<'E_EXPORT_TARGET'> {
  constructor(message: string) {
    super('E_EXPORT_TARGET', message);
  }
}

/** Throws ExportTargetError unless `dir` is absent or an empty folder. */
export function checkExportTarget(dir: string): void {
  let exists = true;
  try {
    lstatSync(dir);
  } catch {
    exists = false;
  }
  if (!exists) return;
  let isDir: boolean;
  let entries: string[];
  try {
    isDir = statSync(dir).isDirectory();
    entries = isDir ? readdirSync(dir) : [];
  } catch (e) {
    throw new ExportTargetError(
      `--export-repo ${dir}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'EIO'})`,
    );
  }
  if (!isDir) throw new ExportTargetError(`--export-repo ${dir}: is a file, not a folder`);
  if (entries.length > 0)
    throw new ExportTargetError(`--export-repo ${dir}: the folder is not empty`);
}
