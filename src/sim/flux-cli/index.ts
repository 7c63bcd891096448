export { fluxEvents } from './events';
export { FLUX_HELP, getKustomizations, getSourcesGit, runFlux } from './run';
export { fluxRevision, fluxTable } from './table';
