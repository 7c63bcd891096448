// The library index vite.config.ts builds from scenarios/*.yaml (ids, titles, summaries).
declare module 'virtual:scenario-index' {
  const entries: readonly { id: string; title: string; summary: string }[];
  export default entries;
}
