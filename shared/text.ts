// Text that names things (ids, symbols, account and strategy names) must be printable: a NUL or
// another control character stored in an id breaks every screen, file and log that shows it.

// C0 controls, DEL and C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** "a control character (U+0000) at position 4" for the first one in `s`, or null when there is none. */
export function controlCharacterIn(s: string): string | null {
  const m = CONTROL.exec(s);
  if (!m) return null;
  const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return `a control character (U+${code}) at position ${m.index + 1}`;
}
