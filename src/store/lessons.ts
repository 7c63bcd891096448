// The path through the library as the lessons page shows it: tracks in order, each lesson with its
// scenario's title and its count of tasks and questions. Read from two build-time JSON modules
// (vite.config.ts), so the first view loads neither the YAML parser nor the simulation.
import LESSONS from 'virtual:lesson-index';
import SCENARIOS from 'virtual:scenario-index';

export interface LessonFigure {
  lane: 'devops' | 'gitops';
  metric: string;
}

export interface Lesson {
  id: string;
  title: string;
  learn: string;
  minutes: number;
  steps: number;
  tasks: number;
  questions: number;
  figures: readonly LessonFigure[];
  track: string;
}

export interface Track {
  id: string;
  title: string;
  lessons: Lesson[];
}

const byId = new Map(SCENARIOS.map((s) => [s.id, s]));

/** Every track in order; a lesson whose scenario is missing from this build is left out. */
export const TRACKS: readonly Track[] = LESSONS.tracks.map((t) => ({
  id: t.id,
  title: t.title,
  lessons: t.lessons.flatMap((l) => {
    const s = byId.get(l.id);
    if (!s) return [];
    return [
      {
        id: l.id,
        title: s.title,
        learn: l.learn,
        minutes: l.minutes,
        steps: s.steps,
        tasks: s.tasks,
        questions: s.questions,
        figures: l.figures ?? [],
        track: t.title,
      },
    ];
  }),
}));

export const LESSONS_IN_ORDER: readonly Lesson[] = TRACKS.flatMap((t) => t.lessons);

export function lessonById(id: string): Lesson | undefined {
  return LESSONS_IN_ORDER.find((l) => l.id === id);
}

/** The lesson after `id` on the path, or null after the last (or for a scenario off the path). */
export function nextLesson(id: string): Lesson | null {
  const i = LESSONS_IN_ORDER.findIndex((l) => l.id === id);
  return i < 0 ? null : (LESSONS_IN_ORDER[i + 1] ?? null);
}
