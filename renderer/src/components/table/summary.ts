// A JSON cell's text in a table: one line, cut to length.

/** A one-line summary of a JSON value (an entry's details) for the table. */
export function detailsSummary(details: unknown, max = 160): string {
  if (details === null || details === undefined) return '';
  const text = typeof details === 'string' ? details : JSON.stringify(details);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
