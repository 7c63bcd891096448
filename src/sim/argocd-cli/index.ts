export { ARGO, appDiff, appGet, appHistory, appList, syncStatusText, type ArgoView } from './read';
export { APP_COMMANDS, ARGOCD_HELP, runArgocd, type CliResult } from './run';
