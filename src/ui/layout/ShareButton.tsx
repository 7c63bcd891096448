import { useState } from 'react';

/** "Share": copies a link that restores scenario, seed, step and the user's own actions. */
export function ShareButton({ query }: { query: () => string | null }) {
  const [copied, setCopied] = useState<string | null>(null);
  const share = async () => {
    const q = query();
    if (!q) return;
    const url = `${location.origin}${location.pathname}${q}`;
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied');
    } catch {
      // Clipboard refused (no permission, insecure context): show the link to copy by hand.
      setCopied(url);
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
