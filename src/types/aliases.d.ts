// Packages that vite.config.ts aliases to a stand-in in src/platform, typed as the stand-in.
declare module 'pako' {
  const pako: typeof import('../platform/pako').default;
  export default pako;
}
