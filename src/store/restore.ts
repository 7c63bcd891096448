// Opening the app on what the learner had: the session the address names, else the one saved
// before a reload, else a clean start. Untrusted at every step, so the order is guarded:
//   1. read and validate the record (link-parse.ts: every field, every action by the schema);
//   2. replay it (the store's `open`, which catches what a replay throws);
//   3. if the replay failed, set the record aside (persistence.ts), start clean, and say so: the
//      learner can export the record or discard it. A session never locks the app again.
// Loaded on demand by the App (with the zod schema), so the first download stays small.
import { FREE_PLAY } from './library';
import { parseSavedSession, parseSessionQuery, type SessionRequest } from './link-parse';
import { clearSavedSession, saveLesson, savedSessionText } from './persistence';
import { brokenSession, savedLesson, setAside, watchOtherTabs } from './set-aside';
import { SESSION_FORMAT, unpack } from './session-link';
import { appStore } from './store';
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

/** Opens `request`; on failure sets `source` aside and starts clean. Returns notices. */
async function replay(request: SessionRequest, source: Source): Promise<string[]> {
  const { open } = appStore.getState();
  if (request.scenario === 'imported' && !savedLesson()) {
    setAside(source.text, 'its imported lesson is not in this browser');
    await open(FREE_PLAY);
    return [
      `${describeSource(source)} is for an imported lesson that is not in this browser. Import the lesson's file, then open the link again. The session is set aside below.`,
    ];
  }
  await open(request.scenario, {
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
    ...(request.step !== undefined ? { step: request.step } : {}),
    ...(request.actions ? { actions: request.actions } : {}),
  });
  const state = appStore.getState();
  if (state.status === 'error') {
    const reason = state.error ?? 'it failed';
    setAside(source.text, reason);
    await open(FREE_PLAY);
    return [
      `${describeSource(source)} could not be restored: ${reason}. DriftLab started clean; the session is set aside below.`,
    ];
  }
  const steps = state.steps.length;
  if (request.step !== undefined && request.step > steps)
    return [`step=${request.step} is past the lesson's last step; it opened at step ${steps}.`];
  return [];
}

/** The request behind the address and storage, with notices about what could not be used. */
function choose(): { request: SessionRequest; source: Source } | { notices: string[] } {
  const link = parseSessionQuery(location.search);
  const savedText = savedSessionText();
  if (link && !link.ok) return { notices: [link.message] };
  const saved = savedText === null ? null : parseSavedSession(savedText);
  if (link?.ok) {
    const request = link.value;
    // A long session's address bar leaves its actions to the saved record (`n` of them).
    if (request.n !== undefined && !request.actions) {
      const own = saved?.ok ? saved.value : null;
      const same =
        own !== null &&
        own.scenario === request.scenario &&
        own.seed === request.seed &&
        own.step === request.step &&
        own.actions?.length === request.n;
      if (same && savedText) return { request: own, source: { kind: 'saved', text: savedText } };
      return {
        request: { ...request, n: undefined },
        source: { kind: 'link', text: JSON.stringify({ v: SESSION_FORMAT, ...request }) },
      };
    }
    return {
      request,
      source: { kind: 'link', text: JSON.stringify({ v: SESSION_FORMAT, ...request }) },
    };
  }
  if (saved?.ok && savedText)
    return { request: saved.value, source: { kind: 'saved', text: savedText } };
  if (saved && !saved.ok && savedText) {
    setAside(savedText, saved.message);
    return {
      notices: [
        `Your saved session could not be restored: ${saved.message}. DriftLab started clean; the session is set aside below.`,
      ],
    };
  }
  return { notices: [] };
}

/** Boots the app: the guarded restore, then listens for other tabs. */
export async function restore(): Promise<void> {
  const notices: string[] = [];
  const lessonProblem = lessonFromLink(location.hash);
  if (lessonProblem) notices.push(lessonProblem);
  const chosen = choose();
  if ('request' in chosen) {
    const link = parseSessionQuery(location.search);
    if (link?.ok) notices.push(...link.warnings);
    notices.push(...(await replay(chosen.request, chosen.source)));
  } else {
    notices.push(...chosen.notices);
    await appStore.getState().open(FREE_PLAY);
  }
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
export async function openOtherTab(text: string): Promise<void> {
  appStore.setState({ otherTab: null });
  if (text === '') {
    clearSavedSession();
    await appStore.getState().open(FREE_PLAY);
    return;
  }
  const parsed = parseSavedSession(text);
  const notices = parsed.ok
    ? await replay(parsed.value, { kind: 'saved', text })
    : [`The other tab's session could not be read: ${parsed.message}.`];
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
