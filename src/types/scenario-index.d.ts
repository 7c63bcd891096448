// The library index vite.config.ts builds from scenarios/*.yaml (ids, titles, summaries, and how
// many steps, tasks and questions each has).
declare module 'virtual:scenario-index' {
  const entries: readonly {
    id: string;
    title: string;
    summary: string;
    steps: number;
    tasks: number;
    questions: number;
  }[];
  export default entries;
}

// The path through the library, scenarios/lessons.yaml as JSON (validated by the library test).
declare module 'virtual:lesson-index' {
  const index: {
    tracks: readonly {
      id: string;
      title: string;
      lessons: readonly {
        id: string;
        learn: string;
        minutes: number;
        figures?: readonly { lane: 'devops' | 'gitops'; metric: string }[];
      }[];
    }[];
  };
  export default index;
}
