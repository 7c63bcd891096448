// A session that could not be restored (export or discard it) and another tab's change to the
// saved session (keep mine or load theirs). Loaded only when one of them is there.
import { useApp } from '../../store/hooks';
import { saveSession } from '../../store/persistence';
import { discardBrokenSession, sessionExport } from '../../store/set-aside';
export { setAside } from '../../store/set-aside';
import type { AppStore } from '../../store/store';
import { useAppStore } from '../../store/store-context';
import { saveFile } from '../compare/download';

export function exportSession(): void {
  saveFile(sessionExport(), 'driftlab-session.json', 'application/json');
}

function discard(appStore: AppStore): void {
  discardBrokenSession();
  appStore.setState({ broken: null });
}

function keepMine(appStore: AppStore): void {
  const record = appStore.getState().sessionRecord();
  if (record) saveSession(record);
  appStore.setState({ otherTab: null });
}

function loadTheirs(appStore: AppStore, text: string): void {
  void import('../../store/restore').then((m) => m.openOtherTab(appStore, text));
}

export default function RecoveryPanel() {
  const appStore = useAppStore();
  const broken = useApp((s) => s.broken);
  const otherTab = useApp((s) => s.otherTab);
  return (
    <>
      {broken ? (
        <div role="group" aria-label="Session set aside" className="notice">
          <p>
            A session could not be restored ({broken.reason}) and was set aside. Export it to keep
            it, or discard it.
          </p>
          <button type="button" onClick={exportSession}>
            Export session
          </button>{' '}
          <button type="button" onClick={() => discard(appStore)}>
            Discard it
          </button>
        </div>
      ) : null}
      {otherTab !== null ? (
        <div role="alertdialog" aria-label="Another tab changed the session" className="notice">
          <p>
            Another DriftLab tab {otherTab === '' ? 'reset' : 'changed'} the saved session. Which
            one should this browser keep?
          </p>
          <button type="button" onClick={() => keepMine(appStore)}>
            Keep mine
          </button>{' '}
          <button type="button" onClick={() => loadTheirs(appStore, otherTab)}>
            Load theirs
          </button>
        </div>
      ) : null}
    </>
  );
}
