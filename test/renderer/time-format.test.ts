// Shown times in both clocks: UTC as stored, or a named local zone with its abbreviation or offset;
// the exact UTC stamp whatever is shown; chart ticks follow the same clock.
import { afterEach, describe, expect, it } from 'vitest';
import { minuteStamp, offsetLabel, setShownZone, shownTime, stampTitle, utcStamp, wallTime, zoneName, zoned } from '../../renderer/src/format/time';
import { formatTick } from '../../renderer/src/pages/checkpoints/model/timeline';

const WINTER = '2026-12-04T10:05:03.250Z';
const SUMMER = '2026-07-01T23:30:00.000Z';

afterEach(() => setShownZone('utc'));

describe('shown times', () => {
  it('in UTC: the stored time with "UTC"', () => {
    expect(shownTime(WINTER)).toBe('2026-12-04 10:05:03 UTC');
    expect(shownTime(WINTER, false)).toBe('2026-12-04 10:05:03');
    expect(zoneName(Date.parse(WINTER))).toBe('UTC');
    expect(zoned('Taken')).toBe('Taken (UTC)');
  });

  it('in Berlin: CET in winter, CEST in summer, across midnight', () => {
    setShownZone('local', 'Europe/Berlin');
    expect(shownTime(WINTER)).toBe('2026-12-04 11:05:03 CET');
    expect(shownTime(SUMMER)).toBe('2026-07-02 01:30:00 CEST');
    expect(wallTime(Date.parse(SUMMER)).offsetMinutes).toBe(120);
    expect(minuteStamp(WINTER, true)).toBe('2026-12-04 11:05 CET');
  });

  it('a zone without an English abbreviation shows its offset', () => {
    setShownZone('local', 'Asia/Kolkata');
    expect(shownTime(WINTER)).toBe('2026-12-04 15:35:03 UTC+05:30');
    setShownZone('local', 'America/St_Johns');
    expect(zoneName(Date.parse(WINTER))).toBe('UTC−03:30');
    expect(offsetLabel(0)).toBe('UTC');
  });

  it('keeps the exact UTC stamp for hovers whatever the clock', () => {
    setShownZone('local', 'Europe/Berlin');
    expect(utcStamp(WINTER)).toBe('2026-12-04 10:05:03 UTC');
    expect(stampTitle(WINTER)).toBe('2026-12-04 11:05:03 CET · 2026-12-04 10:05:03 UTC');
    setShownZone('utc');
    expect(stampTitle(WINTER)).toBe('2026-12-04 10:05:03 UTC');
  });

  it('leaves what is not a date as it is, and nothing as nothing', () => {
    setShownZone('local', 'Europe/Berlin');
    expect(shownTime('soon')).toBe('soon');
    expect(shownTime(null)).toBe('');
    expect(minuteStamp('soon')).toBe('soon');
  });

  it('chart ticks follow the shown clock', () => {
    const t = Date.parse('2026-12-04T23:00:00.000Z');
    expect(formatTick(t, 3_600_000)).toBe('23:00');
    setShownZone('local', 'Europe/Berlin');
    expect(formatTick(t, 3_600_000)).toBe('12-05 00:00');
  });
});
