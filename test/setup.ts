// Setup for every unit test file. In the jsdom environment, testing-library's `findBy…` and
// `waitFor` wait up to 10 s instead of 1 s: several panels load a lazy chunk first (the state
// diagram, the narration's markdown), and on a shared, busy machine that took over a second.
// A bound on waiting, not a timed assertion: a test that gets its answer sooner moves on at once.
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: 10_000 });
}

export {};
