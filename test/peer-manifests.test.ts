// Real manifests from argocd-example-apps and podinfo, read as they are from ../shared when it
// exists. No other test depends on ../shared: on a clone without it every test here is skipped,
// and the reason is printed (the default reporter shows a passing file's skips only as a count).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { healthOf, refOf, type KObject } from '../src/sim/cluster';
import { CI, makeCluster } from '../src/sim/cluster/testing/fixtures';

const DIR = resolve(import.meta.dirname, '../../shared/peer-manifests');
const SKIP_REASON = `${DIR} does not exist: ../shared/peer-manifests is not next to this clone`;
const present = existsSync(DIR);
if (!present) console.warn(`test/peer-manifests.test.ts skipped: ${SKIP_REASON}`);

function load(app: string): { file: string; doc: KObject }[] {
  const out: { file: string; doc: KObject }[] = [];
  for (const file of readdirSync(join(DIR, app)).sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(DIR, app, file), 'utf8'))) {
      expect(doc.errors).toEqual([]);
      const js = doc.toJS() as KObject | null;
      if (js) out.push({ file: `${app}/${file}`, doc: js });
    }
  }
  return out;
}

describe(`peer manifests from ${DIR}`, () => {
  // The reason also goes with each skipped test, for the verbose, JSON and JUnit reporters.
  beforeEach((ctx) => {
    if (!present) ctx.skip(SKIP_REASON);
  });

  it.each(['guestbook', 'podinfo'])(
    '%s loads, applies and reports Healthy as it is',
    async (app) => {
      const { cluster, clock } = makeCluster();
      const docs = load(app);
      expect(docs.length).toBeGreaterThan(1);
      for (const { file, doc } of docs) cluster.apply(doc, { ...CI, file });
      await clock.advanceBy(60_000);
      for (const { doc } of docs) {
        const live = cluster.get(refOf(doc));
        expect(live, `${doc.kind}/${doc.metadata.name}`).toBeDefined();
        expect(healthOf(live)?.status ?? 'Healthy').toBe('Healthy');
      }
      // Re-applying the same files changes nothing: no perpetual diff from defaults.
      for (const { file, doc } of docs)
        expect(cluster.apply(doc, { ...CI, file }).outcome).toBe('unchanged');
    },
  );

  it('podinfo: the HPA (autoscaling/v2beta2, deprecated in 1.25) owns spec.replicas of a Deployment that sets none', async () => {
    const { cluster, clock } = makeCluster();
    const warnings = load('podinfo').flatMap(
      ({ file, doc }) => cluster.apply(doc, { ...CI, file }).warnings,
    );
    expect(warnings).toEqual([
      expect.stringContaining('autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated'),
    ]);
    await clock.advanceBy(30_000);
    expect(
      (cluster.get({ kind: 'Deployment', name: 'podinfo' })?.spec as { replicas: number }).replicas,
    ).toBe(2);
    expect(cluster.list({ kind: 'Pod' })).toHaveLength(2);
  });
});
