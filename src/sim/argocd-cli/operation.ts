// What `argocd app sync`, `rollback` and `wait` print once their operation is over: the app's
// summary with the operation's result (cmd/argocd/commands/app.go `printFinalStatus`,
// `printOperationResult`: Operation, Sync Revision, Phase, Start, Finished, Duration, Message).
import { formatDuration } from '../clock';
import { isoTime } from '../cluster/time';
import type { Application } from '../gitops/lane';
import { appGet, type ArgoView } from './read';
import { goTime } from './table';

const field = (label: string, value: string) => `${label.padEnd(20)}${value}`.trimEnd();

/** The operation block; empty when the app has had no operation. */
export function operationResult(app: Application, now: number): string {
  const op = app.operation;
  if (!op) return '';
  const lines = [
    field('Operation:', 'Sync'),
    field('Sync Revision:', op.revision),
    field('Phase:', op.phase),
    field('Start:', goTime(isoTime(op.startedAt))),
    field('Finished:', op.finishedAt === undefined ? '' : goTime(isoTime(op.finishedAt))),
    field('Duration:', formatDuration((op.finishedAt ?? now) - op.startedAt)),
  ];
  if (op.message) lines.push(field('Message:', op.message));
  return lines.join('\n');
}

/** The app's summary, conditions, operation result and resources, as printFinalStatus prints them. */
export function finalStatus(view: ArgoView, app: Application, now: number): string {
  return appGet(view, app, operationResult(app, now));
}
