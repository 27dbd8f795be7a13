// The wall clock of an instant in a time zone, through Intl (no Node, no DOM): what the console
// shows in local time, and what reads a broker's zone-local times back to UTC.

/** The wall-clock fields of an instant in a zone. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Minutes east of UTC at that instant. */
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter of every field, 24-hour, in `zone` (an IANA name; undefined: this machine's). */
export function zoneFormatter(zone: string | undefined, extra: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  const key = `${zone ?? ''}|${JSON.stringify(extra)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', ...extra });
    formatters.set(key, f);
  }
  return f;
}

/** The wall clock of `ms` in `zone` (an IANA name; undefined: this machine's). */
export function wallClock(ms: number, zone: string | undefined): WallClock {
  const d = new Date(ms);
  const parts = Object.fromEntries(zoneFormatter(zone).formatToParts(d).map((p) => [p.type, p.value]));
  const w = { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour % 24, minute: +parts.minute, second: +parts.second, ms: d.getUTCMilliseconds() };
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  return { ...w, offsetMinutes: Math.round((asUtc - ms) / 60_000) };
}
