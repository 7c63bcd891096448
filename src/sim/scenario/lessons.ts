// The path through the library: `scenarios/lessons.yaml` orders the scenarios into short tracks,
// each lesson with a one-line "you will learn", its length in minutes and the two or three
// figures (metrics) that carry it in the lesson's summary. The order lives in data, so the app's
// lessons page and `sim list` read the same file.
import * as z from 'zod/mini';
import { LineCounter, parseDocument } from 'yaml';
import { ScenarioError, type ScenarioProblem } from './errors';
import { Locator } from './load';
import { METRIC_NAMES } from './schema';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const str = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

const figureSchema = z.strictObject({
  lane: z.enum(['devops', 'gitops']),
  metric: z.enum(METRIC_NAMES),
});

const lessonSchema = z.strictObject({
  id: str(100).check(z.regex(KEBAB)),
  learn: str(200),
  minutes: z.number().check(z.int(), z.gte(1), z.lte(120)),
  figures: z.array(figureSchema).check(z.minLength(1), z.maxLength(3)),
});

const trackSchema = z.strictObject({
  id: str(100).check(z.regex(KEBAB)),
  title: str(200),
  lessons: z.array(lessonSchema).check(z.minLength(1), z.maxLength(50)),
});

export const lessonIndexSchema = z.strictObject({
  tracks: z.array(trackSchema).check(z.minLength(1), z.maxLength(20)),
});

export type LessonIndex = z.infer<typeof lessonIndexSchema>;
export type Track = LessonIndex['tracks'][number];
export type Lesson = Track['lessons'][number];
export type Figure = Lesson['figures'][number];

/** Free play is a sandbox, not a lesson: it stays one click away, outside the path. */
export const OUTSIDE_THE_PATH: readonly string[] = ['free-play'];

export const LESSONS_FILE = 'scenarios/lessons.yaml';

/** Text to LessonIndex, or a ScenarioError (E_LESSONS) with every problem at file:line:col. */
export function loadLessons(text: string, file = LESSONS_FILE): LessonIndex {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0)
    throw new ScenarioError(
      doc.errors.map((e) => ({
        code: 'E_LESSONS' as const,
        file,
        ...lines.linePos(e.pos[0]),
        message: e.message.split('\n')[0]!,
      })),
    );
  const loc = new Locator(doc, lines, file);
  const root: unknown = doc.toJS({ maxAliasCount: 0 });
  const parsed = lessonIndexSchema.safeParse(root);
  if (!parsed.success)
    throw new ScenarioError(
      parsed.error.issues.flatMap((issue) => {
        const path = issue.path as (string | number)[];
        const where = path.join('.') || 'lessons';
        return issue.code === 'unrecognized_keys'
          ? issue.keys.map((k) =>
              loc.problem('E_LESSONS', [...path, k], `unknown field "${k}" in ${where}`, {}, true),
            )
          : [loc.problem('E_LESSONS', path, `${where}: ${issue.message}`)];
      }),
    );
  const problems: ScenarioProblem[] = [];
  const seen = new Set<string>();
  parsed.data.tracks.forEach((track, i) =>
    track.lessons.forEach((lesson, j) => {
      if (seen.has(lesson.id))
        problems.push(
          loc.problem(
            'E_LESSONS',
            ['tracks', i, 'lessons', j, 'id'],
            `"${lesson.id}" is placed twice`,
          ),
        );
      seen.add(lesson.id);
    }),
  );
  if (problems.length > 0) throw new ScenarioError(problems);
  return parsed.data;
}

/** Every lesson, in the path's order. */
export function lessonsInOrder(index: LessonIndex): Lesson[] {
  return index.tracks.flatMap((t) => t.lessons);
}

/** The lesson after `id` on the path (across tracks), or null at the end. */
export function nextLesson(index: LessonIndex, id: string): Lesson | null {
  const all = lessonsInOrder(index);
  const i = all.findIndex((l) => l.id === id);
  return i >= 0 ? (all[i + 1] ?? null) : null;
}

/**
 * What ties the index to the library: every lesson names a scenario that exists, and every
 * scenario but those outside the path is placed. Messages name the lesson or the file.
 */
export function lessonsVersusLibrary(index: LessonIndex, libraryIds: readonly string[]): string[] {
  const placed = new Set(lessonsInOrder(index).map((l) => l.id));
  const known = new Set(libraryIds);
  return [
    ...[...placed].filter((id) => !known.has(id)).map((id) => `lesson "${id}" has no scenario`),
    ...libraryIds
      .filter((id) => !placed.has(id) && !OUTSIDE_THE_PATH.includes(id))
      .map((id) => `scenario "${id}" is on no track`),
  ];
}
