export { FLUX_HELP, fluxRevision, getKustomizations, getSourcesGit, runFlux } from './run';
