// Errors the metrics answer with, each with a stable `code` (tests and the UI match on it).
import { CodedError } from '../coded-error';
import type { MetricWindow } from './definitions';

export type MetricsErrorCode = 'E_BAD_WINDOW';

export class MetricsError extends CodedError<MetricsErrorCode, { window?: MetricWindow }> {}

export function isMetricsError(e: unknown): e is MetricsError {
  return e instanceof MetricsError;
}
