// Object.prototype and Array.prototype as the page loaded them. Links, saved sessions, imports and
// console lines all run through the simulation; should any path ever write to or delete from a
// shared prototype (prototype pollution, issue 11), React and every library on the page fail in
// ways no error boundary can catch, on every visit that replays the session. The store calls
// `repairPrototypes` after each action and each restore: it puts the prototypes back and names what
// had changed, so the session is stopped with a notice instead of leaving a blank page.
// The simulation refuses such keys itself; this is the browser's last line.
type Snapshot = Map<PropertyKey, PropertyDescriptor>;

const GUARDED: object[] = [Object.prototype, Array.prototype];

function snapshot(proto: object): Snapshot {
  const map: Snapshot = new Map();
  for (const key of Reflect.ownKeys(proto))
    map.set(key, Reflect.getOwnPropertyDescriptor(proto, key)!);
  return map;
}

const PRISTINE = GUARDED.map(snapshot);

function same(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return a.value === b.value && a.get === b.get && a.set === b.set;
}

/** Restores the guarded prototypes; returns the keys that had been added, changed or removed. */
export function repairPrototypes(): string[] {
  const changed: string[] = [];
  GUARDED.forEach((proto, i) => {
    const pristine = PRISTINE[i]!;
    for (const key of Reflect.ownKeys(proto)) {
      if (pristine.has(key)) continue;
      Reflect.deleteProperty(proto, key);
      changed.push(String(key));
    }
    for (const [key, descriptor] of pristine) {
      const now = Reflect.getOwnPropertyDescriptor(proto, key);
      if (now && same(now, descriptor)) continue;
      Reflect.defineProperty(proto, key, descriptor);
      changed.push(String(key));
    }
  });
  return changed;
}
