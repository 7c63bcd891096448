// What a failed operation says while a retry is due, as Argo CD's controller writes it into the
// operation state (argo-cd controller/appcontroller.go `processRequestedAppOperation`):
// "<message>. Retrying attempt #<n> at <time.Kitchen>." Simplification: Argo keeps the phase
// Running through the back-off; DriftLab's operation is Failed and the retry is a new operation.
import { isoTime } from '../cluster/time';

/** Go's `time.Kitchen` ("3:04PM") for a virtual instant (UTC). */
export function kitchenTime(virtualMs: number): string {
  const [hh, mm] = isoTime(virtualMs).slice(11, 16).split(':').map(Number) as [number, number];
  const h12 = hh % 12 === 0 ? 12 : hh % 12;
  return `${h12}:${String(mm).padStart(2, '0')}${hh < 12 ? 'AM' : 'PM'}`;
}

export function retryingMessage(message: string, attempt: number, at: number): string {
  return `${message}. Retrying attempt #${attempt} at ${kitchenTime(at)}.`;
}
