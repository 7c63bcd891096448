// Errors the metrics answer with, each with a stable `code` (tests and the UI match on it).
import type { MetricWindow } from './definitions';

export type MetricsErrorCode = 'E_BAD_WINDOW';

export class MetricsError extends Error {
  constructor(
    readonly code: MetricsErrorCode,
    message: string,
    readonly data: { window?: MetricWindow } = {},
  ) {
    super(message);
    this.name = 'MetricsError';
  }
}

export function isMetricsError(e: unknown): e is MetricsError {
  return e instanceof MetricsError;
}
