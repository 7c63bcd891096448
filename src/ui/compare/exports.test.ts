import '../../platform/node';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ConfigRepo } from '../../sim/git';
import {
  auditCsv,
  auditJson,
  comparisonMarkdown,
  csvField,
  exportFileName,
  repositoryZip,
  type ComparisonInput,
} from './exports';
import { LEAKED_TOKEN_TRAIL as TRAIL, METRICS_PAIR } from './test-fixtures';

/** A minimal RFC 4180 reader, to check that what auditCsv writes reads back the same. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    if (quoted && c === '"' && next === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && next === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['-1', "'-1"],
    // OWASP CSV injection: spreadsheets trim leading blanks before reading a formula.
    [' =1+1', "' =1+1"],
    ['\n=cmd', '"\'\n=cmd"'],
    ['\t@SUM(A1)', "'\t@SUM(A1)"],
    ['  +1', "'  +1"],
    ['\r-2', '"\'\r-2"'],
    ['\uFF1D1+1', "'\uFF1D1+1"],
    ['a = b', 'a = b'],
  ])('%j -> %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('writes numbers, booleans and absent values as they are', () => {
    expect([csvField(-3), csvField(true), csvField(null), csvField(undefined)]).toEqual([
      '-3',
      'true',
      '',
      '',
    ]);
  });
});

describe('auditCsv', () => {
  it('writes one line per record that a CSV reader reads back', () => {
    const tricky = {
      ...TRAIL[7]!,
      actor: 'eve, "the intern"',
      message: 'line one\nline two, with a comma',
    };
    const rows = parseCsv(auditCsv([tricky, TRAIL[0]!]));
    expect(rows[0]!.join(',')).toBe(
      'seq,t_ms,time,cluster,actor,channel,verb,object,revision,out_of_band,message,changes,operation',
    );
    expect(rows).toHaveLength(3);
    expect(rows[1]!.slice(0, 11)).toEqual([
      '7',
      '120000',
      '00:02:00',
      'devops',
      'eve, "the intern"',
      'kubectl',
      'update',
      'Deployment/default/web',
      '',
      'true',
      'line one\nline two, with a comma',
    ]);
    expect(JSON.parse(rows[1]![11]!)).toEqual(tricky.changes);
    expect(rows[2]![8]).toBe(TRAIL[0]!.revision);
  });

  it('keeps Secret values as the hashes the trail holds', () => {
    const csv = auditCsv(TRAIL);
    expect(csv).toContain('hash:1234abcd');
  });
});

describe('auditJson', () => {
  it('holds the scenario, the seed and every record', () => {
    const parsed = JSON.parse(auditJson(TRAIL, { scenario: 's', seed: 7, t: 300_000 })) as {
      audit: unknown[];
    };
    expect(parsed).toMatchObject({ scenario: 's', seed: 7, t: 300_000 });
    expect(parsed.audit).toEqual(TRAIL);
  });
});

describe('comparisonMarkdown', () => {
  const input: ComparisonInput = {
    scenario: 'leaked-credentials',
    title: 'Leaked CI credentials',
    seed: 23,
    t: 300_000,
    metrics: METRICS_PAIR,
    steps: [
      {
        title: 'Mallory uses the leaked CI token',
        expectations: [
          { ok: true, text: 'devops: 0 audit records by mallory' },
          { ok: false, text: 'gitops: auditCoverage = 1 | exactly' },
        ],
      },
    ],
    totalSteps: 3,
    sync: 'DevOps out of sync 80% of the time; GitOps 2%',
  };

  it('holds the scenario, the seed, the metrics table and the expectations', () => {
    const md = comparisonMarkdown(input);
    expect(md).toContain('# DriftLab: Leaked CI credentials');
    expect(md).toContain('- Scenario: `leaked-credentials`');
    expect(md).toContain('- Seed: 23');
    expect(md).toContain('| Metric | DevOps (push) | GitOps (pull) |');
    expect(md).toContain('| Change lead time | 3m | 1m ★ |');
    expect(md).toContain('| Failed deployment recovery time | (not recovered yet) | 5s |');
    expect(md).toContain('| Rebuildable from Git | no | yes ★ |');
    expect(md).toContain('1. Mallory uses the leaked CI token');
    expect(md).toContain('   - ✓ devops: 0 audit records by mallory');
    expect(md).toContain('   - ✗ gitops: auditCoverage = 1 \\| exactly');
    expect(md).toContain('- Steps run: 1 of 3');
  });
});

describe('exportFileName', () => {
  it('names files driftlab-<scenario>-<seed>-<what>', () => {
    expect(exportFileName('busy-day', 7, 'audit', 'json')).toBe('driftlab-busy-day-7-audit.json');
    expect(exportFileName('../my file', 1, 'repo', 'zip')).toBe('driftlab-..-my-file-1-repo.zip');
  });
});

describe('repositoryZip', () => {
  it('zips a real git repository, .git included, paths as given', async () => {
    const repo = await ConfigRepo.init({
      files: { 'apps/web/deployment.yaml': 'kind: Deployment\n' },
      author: { name: 'a' },
      timestamp: 1767603600000,
    });
    const entries = await repo.exportRepository();
    const files = unzipSync(repositoryZip(entries));
    expect(Object.keys(files).sort()).toEqual(entries.map((e) => e.path).sort());
    expect(strFromU8(files['.git/HEAD']!)).toBe('ref: refs/heads/main\n');
    expect(strFromU8(files['.git/refs/heads/main']!).trim()).toBe(await repo.resolve('main'));
    expect(strFromU8(files['apps/web/deployment.yaml']!)).toBe('kind: Deployment\n');
  });
});
