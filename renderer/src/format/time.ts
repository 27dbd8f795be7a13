// Every time the console shows goes through here. Times are stored in UTC; they are shown in UTC
// or in this machine's zone (the setting console.timeZone, see stores/time-zone.ts), always with
// the zone named. "5m ago" is for glancing; the exact UTC stamp stays on hover (utcStamp).

import { wallClock, zoneFormatter, type WallClock } from '../../../shared/zone-clock';

/** Which clock the console shows times in. */
export type ShownZone = 'utc' | 'local';

let shown: ShownZone = 'utc';
/** An IANA zone standing in for "this machine's zone" (tests); undefined: the machine's own. */
let localZone: string | undefined;

/** Sets the clock every shown time follows (stores/time-zone.ts calls it). */
export function setShownZone(zone: ShownZone, local?: string): void {
  shown = zone;
  localZone = local;
}

export const shownZone = (): ShownZone => shown;

/** The wall-clock fields of an instant in a zone. */
export type WallTime = WallClock;

/** The wall clock of `ms` in UTC, or in the local zone (`local` names it; the machine's by default). */
export function wallTime(ms: number, zone: ShownZone = shown, local: string | undefined = localZone): WallTime {
  const d = new Date(ms);
  if (zone === 'utc') {
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), ms: d.getUTCMilliseconds(), offsetMinutes: 0 };
  }
  return wallClock(ms, local);
}

/** "UTC+01:00", "UTC−05:30", "UTC" for no offset. */
export function offsetLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const abs = Math.abs(offsetMinutes);
  return `UTC${offsetMinutes > 0 ? '+' : '−'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** The zone's name at `ms`: "UTC", or the local zone's abbreviation ("CET", "BST") or else its offset ("UTC+05:30"). */
export function zoneName(ms: number = Date.now(), zone: ShownZone = shown, local: string | undefined = localZone): string {
  if (zone === 'utc') return 'UTC';
  const name = zoneFormatter(local, { timeZoneName: 'short' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value;
  // en-GB names the European zones (CET, BST, GMT); elsewhere it says "GMT+5", which reads better as an offset.
  if (name && /^[A-Z]{2,5}$/.test(name)) return name;
  return offsetLabel(wallTime(ms, 'local', local).offsetMinutes);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

const parse = (iso: string): number => new Date(iso).getTime();

/** "2025-11-22 01:25:03 UTC" in the shown zone ("2025-11-22 02:25:03 CET"); the input unchanged when it is not a date. */
export function shownTime(iso: string | null | undefined, withZone = true, zone: ShownZone = shown, local: string | undefined = localZone): string {
  if (!iso) return '';
  const t = parse(iso);
  if (Number.isNaN(t)) return iso;
  const w = wallTime(t, zone, local);
  const text = `${w.year}-${pad2(w.month)}-${pad2(w.day)} ${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)}`;
  return withZone ? `${text} ${zoneName(t, zone, local)}` : text;
}

/** A stamp to the minute: "2025-11-22 01:25" (with its zone when asked). */
export function minuteStamp(iso: string | null | undefined, withZone = false): string {
  const s = shownTime(iso, false);
  if (!s || s === iso) return s;
  const text = s.slice(0, 16);
  return withZone ? `${text} ${zoneName(parse(iso!))}` : text;
}

/** The exact UTC stamp, whatever the console shows: "2025-11-22 01:25:03 UTC", for hovers and copies. */
export function utcStamp(iso: string | null | undefined, withZone = true): string {
  return shownTime(iso, withZone, 'utc');
}

/** A stamp of a millisecond time (a chart's point, a file's mtime). */
export const stampMs = (ms: number, withZone = true): string => shownTime(new Date(ms).toISOString(), withZone);

/** "Taken (UTC)", "Taken (CET)": a time column's header names the zone its cells are in. */
export const zoned = (label: string): string => `${label} (${zoneName()})`;

/** What a hover shows for a time: the shown stamp and, when the console shows local time, the exact UTC one. */
export function stampTitle(iso: string | null | undefined): string {
  if (!iso) return '';
  return shown === 'utc' ? utcStamp(iso) : `${shownTime(iso)} · ${utcStamp(iso)}`;
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
