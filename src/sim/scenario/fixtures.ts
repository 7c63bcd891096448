// A tiny scenario for tests of the runner, tasks and the CLI: one Deployment `web` (2 replicas of
// web:1.0) in Git, self-heal on, and the steps each test writes. Only tests import it.

/** The scenario's YAML text, ending in `steps:` and then `steps` (YAML items at two spaces). */
export function tinyScenario(head: { id: string; title: string; seed?: number }, steps: string) {
  return `id: ${head.id}
title: ${head.title}
${head.seed !== undefined ? `seed: ${head.seed}\n` : ''}lanes: { gitops: { selfHeal: true } }
repo:
  files:
${webDeploymentFile(2)}
steps:
${steps}`;
}

/**
 * The `repo.files` entry `web.yaml` (at four spaces, no newline at the end): the Deployment `web`
 * of `replicas` Pods running web:1.0.
 */
export function webDeploymentFile(replicas: number): string {
  return `    web.yaml: |
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: ${replicas}
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { containers: [{ name: web, image: web:1.0 }] }`;
}
