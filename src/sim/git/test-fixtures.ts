// Shared by the tests of this folder: people, a virtual epoch and a small app's manifests.
import { ConfigRepo, type InitOptions } from './repo';
import type { Author } from './types';

/** 2026-01-05T09:00:00Z, the virtual epoch the tests start at. */
export const T0 = 1_767_603_600_000;
export const MINUTE = 60_000;

export const ALICE: Author = { name: 'Alice', email: 'alice@example.com' };
export const BOB: Author = { name: 'Bob', email: 'bob@example.com' };

export function deployment(opts: { image?: string; replicas?: number } = {}): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: guestbook
  labels:
    app: guestbook
spec:
  replicas: ${opts.replicas ?? 2}
  selector:
    matchLabels:
      app: guestbook
  template:
    metadata:
      labels:
        app: guestbook
    spec:
      containers:
        - name: web
          image: ${opts.image ?? 'ghcr.io/driftlab/guestbook:1.0.0'}
          ports:
            - containerPort: 8080
`;
}

export const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: guestbook
spec:
  selector:
    app: guestbook
  ports:
    - port: 80
      targetPort: 8080
`;

export const GUESTBOOK_FILES: Record<string, string> = {
  'README.md': '# guestbook config\n',
  'apps/guestbook/deployment.yaml': deployment(),
  'apps/guestbook/service.yaml': SERVICE,
};

export function guestbookRepo(overrides: Partial<InitOptions> = {}): Promise<ConfigRepo> {
  return ConfigRepo.init({ files: GUESTBOOK_FILES, author: ALICE, timestamp: T0, ...overrides });
}
