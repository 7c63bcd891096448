// `npm run bench`: every figure with its target, as a table, and bench/results.json (one object,
// a key per figure; keys this run does not measure are kept from the previous file). Figures are
// medians over several rounds: these machines are shared and noisy.
import '../src/platform/node';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchApply } from './apply';
import { benchCommit, benchNativeCommit } from './git-commit';
import { median, renderTable, type Row } from './table';

const ROUNDS = 5;
const RESULTS = new URL('./results.json', import.meta.url);

async function medianOf(fn: () => number | Promise<number>, rounds = ROUNDS): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < rounds; i++) values.push(await fn());
  return median(values);
}

const round = (v: number, digits = 2) => Number(v.toFixed(digits));

async function main() {
  await benchCommit(20); // warm-up: JIT and module loading
  const commitMs = await medianOf(() => benchCommit(100));
  const nativeMs = await medianOf(() => benchNativeCommit(50));
  benchApply(200);
  const applyRate = await medianOf(() => benchApply(1_000));

  const rows: Row[] = [
    {
      key: 'commitMsPerOp',
      value: round(commitMs),
      unit: 'ms',
      note: 'write + add + commit, in memory',
    },
    {
      key: 'nativeGitCommitMsPerOp',
      value: round(nativeMs),
      unit: 'ms',
      note: 'the same with the git CLI in a temp dir',
    },
    {
      key: 'commitCostRatioVsNativeGit',
      value: round(commitMs / nativeMs, 3),
      unit: '',
      target: { op: '<=', value: 0.5 },
    },
    {
      key: 'applyObjectsPerSec',
      value: Math.round(applyRate),
      unit: 'objects/s',
      note: '1,000 objects',
    },
  ];

  const previous = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>)
    : {};
  const results: Record<string, unknown> = { ...previous };
  for (const row of rows) results[row.key] = row.value;
  results.machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

  console.log(renderTable(rows));
  console.log(
    `\nmedians of ${ROUNDS} rounds on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; written to bench/results.json`,
  );
}

await main();
