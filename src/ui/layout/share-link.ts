// A Share link, and what the learner must know about it: an imported lesson that does not travel
// in it, a length past what servers and chat apps accept.
import { pack, SAFE_LINK_CHARS } from '../../store/session-link';
import { savedLesson } from '../../store/set-aside';
import type { AppStore } from '../../store/store';

/**
 * An imported lesson travels in the link's fragment (`#lesson=`, deflated), which browsers never
 * send to a server, so it is not bound by the 8 KB a server accepts in a request; past this many
 * characters the file must be shared instead.
 */
const MAX_LESSON_LINK_CHARS = 32_000;

function kb(chars: number): string {
  return `${Math.ceil(chars / 1024)} KB`;
}

/** The Share link for the session, and what the learner must know about it. */
export function shareLink(appStore: AppStore): { url: string; note: string | null } | null {
  const query = appStore.shareQuery();
  if (!query) return null;
  const url = `${location.origin}${location.pathname}${query}`;
  const notes: string[] = [];
  let full = url;
  if (new URLSearchParams(query).get('scenario') === 'imported') {
    const lesson = savedLesson();
    const withLesson = lesson
      ? `${url}#${new URLSearchParams({ file: lesson.name, lesson: pack(lesson.text) }).toString()}`
      : null;
    if (withLesson && withLesson.length <= MAX_LESSON_LINK_CHARS) full = withLesson;
    else
      notes.push(
        `The imported lesson does not travel in this link${withLesson ? ` (it would make it ${kb(withLesson.length)} long)` : ''}: share the file${lesson ? ` "${lesson.name}"` : ''} too. The recipient imports it, then opens the link.`,
      );
  }
  const sent = full.split('#')[0]!.length;
  if (sent > SAFE_LINK_CHARS)
    notes.push(
      `This link is ${kb(sent)} long: past about 8 KB some servers and chat apps refuse or cut links. Step back to shorten it, or Reset and share fewer actions.`,
    );
  return { url: full, note: notes.length > 0 ? notes.join(' ') : null };
}
