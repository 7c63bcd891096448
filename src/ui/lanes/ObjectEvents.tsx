// An object's Kubernetes events in its live-vs-desired view, as `kubectl describe` ends with them
// and Argo CD's resource view lists them: type, reason, age (with the count of a repeated event),
// who said it, and the message. They answer "why did this happen"; the audit trail answers "who
// changed what".
import { eventAge } from '../../sim/kubectl';
import { useApp } from '../../store/hooks';
import type { ObjectEvent } from '../../store/view';

export function ObjectEvents({ name, events }: { name: string; events: readonly ObjectEvent[] }) {
  const now = useApp((s) => s.view?.t ?? 0);
  if (events.length === 0) return <p className="lp-muted lp-small">Events: none</p>;
  return (
    <table className="lp-events">
      <caption>Events of {name}</caption>
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Reason</th>
          <th scope="col">Age</th>
          <th scope="col">From</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr
            key={`${e.source}|${e.type}|${e.reason}|${e.message}|${e.firstTimestamp}`}
            className={e.type === 'Warning' ? 'lp-event-warning' : undefined}
          >
            <td>{e.type}</td>
            <td>{e.reason}</td>
            <td>{eventAge(e, now)}</td>
            <td>{e.source}</td>
            <td>{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
