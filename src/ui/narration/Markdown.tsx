import ReactMarkdown from 'react-markdown';

/** Scenario markdown, rendered without raw HTML (react-markdown's default skips it). */
export default function Markdown({ text }: { text: string }) {
  return <ReactMarkdown skipHtml>{text}</ReactMarkdown>;
}
