// Opening the app on what the learner had: the session the address names, else the one saved
// before a reload, else a clean start. Untrusted at every step, so the order is guarded:
//   1. read and validate the record (link-parse.ts: every field, every action by the schema);
//   2. replay it (the store's `open`, which catches what a replay throws);
//   3. if the replay failed, set the record aside (set-aside.ts) and say so: the learner can
//      export the record or discard it. A link that fails falls back to the saved session, and
//      that to a clean start. A session never locks the app again.
// Loaded on demand by the App (with the zod schema), so the first download stays small.
import { FREE_PLAY } from './library';
import { parseSavedSession, parseSessionQuery, type SessionRequest } from './link-parse';
import { clearSavedSession, saveLesson, savedSessionText } from './persistence';
import { brokenSession, savedLesson, setAside, watchOtherTabs } from './set-aside';
import { SESSION_FORMAT, unpack } from './session-link';
import type { AppStore } from './store';
import { loadScenario } from '../sim/scenario/load';
import type { Scenario } from '../sim/scenario/schema';

export { loadScenario };
export { isScenarioError } from '../sim/scenario/errors';

type Source = { kind: 'link' | 'saved'; text: string };

function describeSource(source: Source): string {
  return source.kind === 'link' ? 'This link' : 'Your saved session';
}

/** The lesson a link carries (`#lesson=` packed YAML), stored as the imported lesson. */
function lessonFromLink(hash: string): string | null {
  const packed = new URLSearchParams(hash.replace(/^#/, '')).get('lesson');
  if (!packed) return null;
  try {
    const text = unpack(packed);
    const name = new URLSearchParams(hash.replace(/^#/, '')).get('file') ?? 'shared-lesson.yaml';
    saveLesson(name, text);
    return null;
  } catch {
    return 'This link carries a lesson that cannot be read (cut short when it was copied?); it was not opened.';
  }
}

type Candidate = { request: SessionRequest; source: Source };

/**
 * Opens a candidate; true when it opened. On failure its record is set aside, with a notice, for
 * the caller to try the next one.
 */
async function replay(
  appStore: AppStore,
  { request, source }: Candidate,
  notices: string[],
): Promise<boolean> {
  const { open } = appStore.getState();
  let reason: string | null = null;
  if (request.scenario === 'imported' && !savedLesson()) {
    reason = `it is for an imported lesson that is not in this browser: import the lesson's file, then open it again`;
  } else {
    await open(request.scenario, {
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(request.step !== undefined ? { step: request.step } : {}),
      ...(request.actions ? { actions: request.actions } : {}),
    });
    const state = appStore.getState();
    if (state.status === 'error') reason = state.error ?? 'it failed';
    else if (request.step !== undefined && request.step > state.results.length)
      notices.push(
        request.step > state.steps.length
          ? `step=${request.step} is past the lesson's last step; it opened at step ${state.results.length}.`
          : `step=${request.step} lies past a task not solved in this link; it opened at the task, step ${state.results.length + 1}.`,
      );
  }
  if (reason === null) return true;
  setAside(source.text, reason);
  notices.push(
    `${describeSource(source)} could not be restored: ${reason}. It is set aside below.`,
  );
  return false;
}

/** The saved session, checked; a record that does not pass is set aside with a notice. */
function savedCandidate(notices: string[]): Candidate | null {
  const text = savedSessionText();
  if (text === null) return null;
  const saved = parseSavedSession(text);
  if (saved.ok) return { request: saved.value, source: { kind: 'saved', text } };
  setAside(text, saved.message);
  notices.push(
    `Your saved session could not be restored: ${saved.message}. It is set aside below.`,
  );
  return null;
}

/**
 * The link's session, checked. A long session's address bar leaves its actions to the saved
 * record (`n` of them): when that record matches, it is the one to open.
 */
function linkCandidate(notices: string[]): Candidate | 'none' | 'refused' {
  const link = parseSessionQuery(location.search);
  if (link === null) return 'none';
  if (!link.ok) {
    notices.push(link.message);
    return 'refused';
  }
  notices.push(...link.warnings);
  const { n, ...request } = link.value;
  if (n !== undefined && !request.actions) {
    const text = savedSessionText();
    const saved = text === null ? null : parseSavedSession(text);
    const own = saved?.ok ? saved.value : null;
    if (
      text !== null &&
      own !== null &&
      own.scenario === request.scenario &&
      own.seed === request.seed &&
      own.step === request.step &&
      own.actions?.length === n
    )
      return { request: own, source: { kind: 'saved', text } };
    notices.push(
      `This address stood for ${n} actions saved in another browser; the lesson opened without them. Share makes a link that carries them.`,
    );
  }
  return {
    request,
    source: { kind: 'link', text: JSON.stringify({ v: SESSION_FORMAT, ...request }) },
  };
}

/**
 * Boots the app: the link's session, else (or when it fails) the saved one, else a clean start;
 * then listens for other tabs.
 */
export async function restore(appStore: AppStore): Promise<void> {
  const notices: string[] = [];
  const lessonProblem = lessonFromLink(location.hash);
  if (lessonProblem) notices.push(lessonProblem);
  const link = linkCandidate(notices);
  let opened = typeof link === 'object' && (await replay(appStore, link, notices));
  if (!opened && (typeof link !== 'object' || link.source.kind === 'link')) {
    const saved = savedCandidate(notices);
    opened = saved !== null && (await replay(appStore, saved, notices));
  }
  if (!opened) await appStore.getState().open(FREE_PLAY);
  const existing = appStore.getState().notice;
  appStore.setState({
    notice: [existing, ...notices].filter(Boolean).join('\n') || null,
    broken: brokenSession(),
  });
  watchOtherTabs((text) => {
    const mine = appStore.getState().sessionRecord();
    if (text !== null && mine && text === JSON.stringify(mine)) return;
    appStore.setState({ otherTab: text ?? '' });
  });
}

/** "Load theirs": the session another tab saved, replayed with the same guards. */
export async function openOtherTab(appStore: AppStore, text: string): Promise<void> {
  appStore.setState({ otherTab: null });
  if (text === '') {
    clearSavedSession();
    await appStore.getState().open(FREE_PLAY);
    return;
  }
  const parsed = parseSavedSession(text);
  const notices: string[] = [];
  if (!parsed.ok) notices.push(`The other tab's session could not be read: ${parsed.message}.`);
  else if (
    !(await replay(appStore, { request: parsed.value, source: { kind: 'saved', text } }, notices))
  )
    await appStore.getState().open(FREE_PLAY);
  appStore.setState({
    notice: notices.join('\n') || null,
    broken: brokenSession(),
  });
}

/**
 * The imported lesson after a reload: its YAML is stored with the session and validated again by
 * the loader. Null when none is stored; throws a located ScenarioError when it no longer loads.
 */
export function importedLesson(): { scenario: Scenario } | null {
  const lesson = savedLesson();
  if (!lesson) return null;
  return { scenario: loadScenario(lesson.text, lesson.name) };
}
