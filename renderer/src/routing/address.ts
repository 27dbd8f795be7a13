// The address hash as the console uses it: #/<page>/<view parts…>. Every page's parse and format
// goes through these, and every write of the address goes through writeAddress.

/** The parts after "#/", decoded: "#/checkpoints/detail/ID" → ["checkpoints", "detail", "ID"]. */
export function addressParts(hash: string): string[] {
  return hash
    .replace(/^#\/?/, '')
    .split('/')
    .map((p) => decodeURIComponent(p));
}

/** The page an address names (its first part, before any "/", "&" or "?"); '' for none. */
export function pageOf(hash: string): string {
  return hash.replace(/^#\/?/, '').split(/[/&?]/)[0];
}

/** The bare address of a page, without a view: "#/audit". */
export const pageHash = (page: string): string => `#/${page}`;

/** Records an address: a new history entry, or in place of the current one with `replace`. */
export function writeAddress(hash: string, replace = false): void {
  if (typeof location === 'undefined' || location.hash === hash) return;
  if (replace) history.replaceState(null, '', hash);
  else history.pushState(null, '', hash);
}
