// Machine event types as a person reads them: `xstate.after.build.pipeline.build` is "after build",
// `xstate.done.actor.0.reconciler.fetching` is "fetching done", an eventless transition "always".

export function eventLabel(type: string): string {
  if (type === '') return 'always';
  if (type === 'xstate.init') return 'start';
  const after = /^xstate\.after\.([^.]+)\./.exec(type);
  if (after) return `after ${after[1]}`;
  // The invoking state's id ends the type: `...actor.0.reconciler.comparing`.
  const done = /^xstate\.(done|error)\.actor\..*\.([^.]+)$/.exec(type);
  if (done) return `${done[2]} ${done[1]}`;
  return type;
}
