// Times are stored and shown in UTC; "5m ago" is for glancing, the UTC stamp is on hover.

/** "2025-11-22 01:25:03 UTC" (or the input unchanged when it is not a date). */
export function utcStamp(iso: string | null | undefined, withZone = true): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const text = d.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
  return withZone ? `${text} UTC` : text;
}

/** "just now", "42s ago", "5m ago", "3h ago", "2d ago"; future times read "in 5s". */
export function relativeTime(iso: string | null | undefined, nowMs: number): string {
  if (!iso) return 'never';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const diff = Math.round((nowMs - t) / 1000);
  const abs = Math.abs(diff);
  if (abs < 5) return 'just now';
  const unit =
    abs < 60 ? `${abs}s` : abs < 3600 ? `${Math.floor(abs / 60)}m` : abs < 86_400 ? `${Math.floor(abs / 3600)}h` : `${Math.floor(abs / 86_400)}d`;
  return diff >= 0 ? `${unit} ago` : `in ${unit}`;
}

/** The first characters of a hash, enough to tell two apart at a glance. */
export function shortHash(hash: string | null | undefined, length = 10): string {
  return hash ? hash.slice(0, length) : '';
}
