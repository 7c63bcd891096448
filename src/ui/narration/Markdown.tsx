import ReactMarkdown, { type Components } from 'react-markdown';
import { MAX_MARKDOWN_DEPTH } from '../../sim/scenario/limits';
import { markdownDepth } from '../../sim/scenario/markdown-depth';

/**
 * A link whose address react-markdown's sanitizer removed (`javascript:`, `data:`...) is shown as
 * its text: an `<a href="">` would reload the page. Others open in a new tab, so the session stays.
 */
const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noreferrer">
        {children}
      </a>
    ) : (
      <span className="say-link-removed">{children}</span>
    ),
};

/**
 * Scenario markdown, rendered without raw HTML (react-markdown's default skips it). Text that
 * nests deeper than a renderer can bear is shown as it was written (Narration's boundary catches
 * anything else that fails).
 */
export default function Markdown({ text }: { text: string }) {
  // The loader refuses deeper narration; a text that reaches the app another way is shown as text.
  if (markdownDepth(text) > MAX_MARKDOWN_DEPTH) return <p className="say-plain">{text}</p>;
  return (
    <ReactMarkdown skipHtml components={components}>
      {text}
    </ReactMarkdown>
  );
}
