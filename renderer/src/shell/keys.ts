// Which page a shortcut goes to: pure, so the rules can be tested without a page on screen.

/** The page Alt+<digit> goes to (by its place in the rail), or null. */
export function pageForDigit<P>(code: string, pages: readonly P[]): P | null {
  const m = /^Digit([1-9])$/.exec(code);
  return m ? (pages[Number(m[1]) - 1] ?? null) : null;
}

/** The page "g" then `key` goes to, or null. */
export function pageForLetter<P extends { key: string }>(key: string, pages: readonly P[]): P | null {
  return pages.find((p) => p.key === key.toLowerCase()) ?? null;
}
