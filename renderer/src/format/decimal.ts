// Decimal strings are shown exactly as stored, never turned into a JS number. Grouping and exact
// comparison live in shared/decimal-text.ts (the server filters with them too); this is what only
// the screen needs: fraction widths for lining points up, and the sign for colour.
const PLAIN = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/** How many fraction digits the text shows; 0 for integers and for non-decimals. */
export function fractionDigits(text: string | null | undefined): number {
  if (!text) return 0;
  const m = PLAIN.exec(text);
  return m?.[3]?.length ?? 0;
}

/** The widest fraction in a column, so every value's point can line up. */
export function columnScale(values: Iterable<string | null | undefined>): number {
  let scale = 0;
  for (const v of values) {
    const d = fractionDigits(v);
    if (d > scale) scale = d;
  }
  return scale;
}

/** -1, 0 or 1 from the text alone (for colouring P&L). */
export function decimalSign(text: string | null | undefined): -1 | 0 | 1 {
  if (!text) return 0;
  const m = PLAIN.exec(text);
  if (!m) return 0;
  if (m[2] === '0' && !/[1-9]/.test(m[3] ?? '')) return 0;
  return m[1] === '-' ? -1 : 1;
}
