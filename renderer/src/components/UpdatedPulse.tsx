// A small dot that glows briefly each time `stamp` changes: "this just refreshed".
export function UpdatedPulse({ stamp, title = 'updated' }: { stamp: number; title?: string }) {
  return <span key={stamp} className={stamp > 1 ? 'pulse pulse-on' : 'pulse'} title={title} aria-hidden="true" data-testid="updated-pulse" data-stamp={stamp} />;
}
