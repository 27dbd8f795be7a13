// Timestamps as bots write them — ISO-8601 strings, or epoch seconds or milliseconds as numbers —
// normalised to ISO UTC ("2024-01-15T14:30:00.000Z"). Epoch values are handled as decimals, never
// floats. A time without a zone (Python's naive isoformat()) is taken as UTC.
import { isLosslessNumber } from 'lossless-json';
import { decimalProblem, Dec } from '../../../shared/decimal';
import { jsonKind } from './json-source';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
/** Epoch values below this are seconds (1e11 s is the year 5138); at or above, milliseconds. */
const SECONDS_LIMIT = new Dec('1e11');
/** 9999-12-31T23:59:59.999Z */
const MAX_MS = new Dec('253402300799999');

/** The ISO UTC form of a timestamp, or null when it is not one (see timestampProblem). */
export function normaliseTimestamp(v: unknown): string | null {
  if (isLosslessNumber(v)) return fromEpoch(v.value);
  if (typeof v !== 'string') return null;
  if (/^[0-9]+(\.[0-9]+)?$/.test(v)) return fromEpoch(v);
  return fromIso(v);
}

/** Why `v` is not a timestamp. */
export function timestampProblem(v: unknown): string {
  const raw = isLosslessNumber(v) ? v.value : typeof v === 'string' && /^[-+.0-9eE]+$/.test(v) ? v : null;
  if (raw !== null) {
    const problem = decimalProblem(raw, { nonNegative: true });
    if (problem) return `not a timestamp: ${problem}`;
    return `${raw} is out of range for epoch seconds or milliseconds`;
  }
  if (typeof v === 'string') {
    return `${JSON.stringify(v)} is not a timestamp (expected ISO-8601 like "2024-01-15T14:30:00Z" or epoch seconds)`;
  }
  return `expected a timestamp (ISO-8601 string or epoch seconds/milliseconds), got ${jsonKind(v)}`;
}

function fromEpoch(raw: string): string | null {
  if (decimalProblem(raw, { nonNegative: true })) return null;
  const value = new Dec(raw);
  const ms = (value.lt(SECONDS_LIMIT) ? value.times(1000) : value).toDecimalPlaces(0, Dec.ROUND_HALF_EVEN);
  if (ms.gt(MAX_MS)) return null;
  return new Date(ms.toNumber()).toISOString();
}

function fromIso(text: string): string | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map((x) => Number.parseInt(x, 10));
  const millis = Number.parseInt((frac + '000').slice(0, 3), 10);
  if (year < 1970 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 2024-02-30 over into March; refuse instead.
  if (new Date(local).getUTCDate() !== day) return null;
  const offset = zoneOffsetMinutes(zone);
  if (offset === null) return null;
  const ms = local - offset * 60_000;
  if (ms < 0 || ms > MAX_MS.toNumber()) return null;
  return new Date(ms).toISOString();
}

function zoneOffsetMinutes(zone: string): number | null {
  if (zone === 'Z' || zone === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return null;
  const hours = Number.parseInt(m[2], 10);
  const minutes = Number.parseInt(m[3] ?? '0', 10);
  if (hours > 23 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}
