// How deeply a piece of markdown nests, judged from its text before anything parses it: 5,000
// `>` (block quotes) or 5,000 nested `*` (lists, emphasis) overflow the stack of a recursive
// renderer, and a scenario's narration is untrusted. Past the limit it is shown as plain text.
// (A `say` is at most 20,000 characters, so only nesting written on one line can go that deep:
// nesting by indentation costs quadratic text.)

/** The nesting the renderer is trusted with (the loader refuses YAML deeper than this, too). */
export const MAX_MARKDOWN_DEPTH = 64;

/**
 * More than `MAX_MARKDOWN_DEPTH` openers in a row, blanks between them allowed: quote markers,
 * emphasis and link brackets, and list markers (`- `, `+ `, `1. `; `*` counts either way).
 */
const TOO_DEEP = new RegExp(
  `(?:(?:>|[*_[]|[+-] |\\d{1,9}[.)] )[ \\t]*){${MAX_MARKDOWN_DEPTH + 1},}`,
);

export function nestsTooDeep(text: string): boolean {
  return TOO_DEEP.test(text);
}
