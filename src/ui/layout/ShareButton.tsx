import { useState } from 'react';
import { useAppStore } from '../../store/store-context';

/** "Share": copies a link that restores scenario, seed, step and the user's own actions. */
export function ShareButton() {
  const appStore = useAppStore();
  const [copied, setCopied] = useState<string | null>(null);
  const share = async () => {
    // What a link must say about itself is worked out on demand (it reads the stored lesson).
    const link = (await import('./share-link')).shareLink(appStore);
    if (!link) return;
    const { url, note } = link;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(note ? `Link copied. ${note}` : 'Link copied');
    } catch {
      // Clipboard refused (no permission, insecure context): show the link to copy by hand.
      setCopied(note ? `${note} ${url}` : url);
    }
  };
  return (
    <span className="share">
      <button type="button" onClick={() => void share()}>
        Share
      </button>
      {copied ? (
        <output className="share-result" aria-live="polite">
          {copied}
        </output>
      ) : null}
    </span>
  );
}
