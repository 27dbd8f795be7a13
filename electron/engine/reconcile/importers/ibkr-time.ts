// IBKR Flex date-times ("20240315;093000", "2024-03-15;09:30:00", …) as ISO UTC. Flex writes
// them in US Eastern time without saying so, in the date and time formats the query chose; only
// the year-first formats are read (a "03/04/2024" cannot be told apart from 3 April or 4 March).
import { wallClock } from '../../../../shared/zone-clock';

const FORMAT = /^(\d{4})-?(\d{2})-?(\d{2})(?:[;, T](\d{2}):?(\d{2}):?(\d{2})(?: ?(?:EST|EDT|ET))?)?$/;

const EASTERN = 'America/New_York';

/** The ISO UTC time of a Flex date-time, or null when it is not in a year-first format. */
export function flexTimeToIso(text: string): string | null {
  const m = FORMAT.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((x) => x ?? '0');
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) return null;
  // The UTC instant whose New York wall clock reads `wall`: start from the offset at `wall` itself,
  // then correct once (the offset may differ across a daylight-saving change).
  let utc = wall - offsetAt(wall);
  utc = wall - offsetAt(utc);
  return new Date(utc).toISOString();
}

/** New York's offset from UTC at an instant, in ms (−4 h or −5 h). */
const offsetAt = (instant: number): number => wallClock(instant, EASTERN).offsetMinutes * 60_000;

export const FLEX_TIME_FORMATS = 'yyyyMMdd;HHmmss or yyyy-MM-dd;HH:mm:ss';

/** An ISO time as Flex writes it: New York wall clock, "yyyyMMdd;HHmmss". */
export function isoToFlexTime(iso: string): string {
  const w = wallClock(Date.parse(iso), EASTERN);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.year}${two(w.month)}${two(w.day)};${two(w.hour)}${two(w.minute)}${two(w.second)}`;
}
