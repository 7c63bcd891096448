// @vitest-environment jsdom
// Scenario markdown is untrusted: nesting that would overflow a renderer's stack is shown as text,
// and a link the sanitizer emptied (javascript:, data:) is text, not an href that reloads the page.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import Markdown from './Markdown';

afterEach(cleanup);

describe('Markdown', () => {
  it.each([
    ['5,000 >', '>'.repeat(5_000)],
    ['5,000 nested *', `${'*'.repeat(5_000)}x${'*'.repeat(5_000)}`],
  ])('shows %s as the text it is, without unmounting', (_, text) => {
    const { container } = render(<Markdown text={text} />);
    expect(container.querySelector('blockquote, em, ul')).toBeNull();
    expect(container.textContent).toBe(text);
  });

  it('shows a link whose address was removed as text, and opens others in a new tab', () => {
    render(
      <Markdown text="[run me](javascript:alert(1)) and [the docs](https://argo-cd.readthedocs.io/)" />,
    );
    expect(screen.getAllByRole('link')).toHaveLength(1);
    const docs = screen.getByRole('link', { name: 'the docs' });
    expect(docs.getAttribute('target')).toBe('_blank');
    expect(docs.getAttribute('rel')).toBe('noreferrer');
    expect(screen.getByText('run me').tagName).toBe('SPAN');
  });
});
