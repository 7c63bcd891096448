// Whether the shortcuts sheet is open: `?` (useKeyboard) and the top bar's button open it; the
// sheet closes itself. Kept outside React so the global key handler can open it.
import { createFlag } from './flag';

export const shortcutsSheet = createFlag();
