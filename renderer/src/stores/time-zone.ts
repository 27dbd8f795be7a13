// The clock the console shows times in (setting console.timeZone): UTC or this machine's zone.
// format/time.ts formats with it; the shell re-renders the page when it changes. Remembered in
// localStorage too, so the next start shows the chosen clock before the desk answers.
import { create } from 'zustand';
import { TIME_ZONES, type TimeZoneChoice } from '../../../shared/settings/catalog';
import { api } from '../api/client';
import { asCallError, type ApiCallError } from '../api/errors';
import { setShownZone } from '../format/time';

const KEY = 'lifeboat.timeZone';

export interface TimeZoneState {
  zone: TimeZoneChoice;
  /** The desk's refusal of the last change, if it refused. */
  error: ApiCallError | null;
}

export const useTimeZone = create<TimeZoneState>()(() => ({ zone: 'utc', error: null }));

const isZone = (v: unknown): v is TimeZoneChoice => (TIME_ZONES as readonly unknown[]).includes(v);

/** Shows times in `value` ('utc' for anything else). */
export function applyTimeZone(value: unknown): void {
  const zone: TimeZoneChoice = isZone(value) ? value : 'utc';
  setShownZone(zone);
  if (useTimeZone.getState().zone !== zone) useTimeZone.setState({ zone });
  try {
    localStorage.setItem(KEY, zone);
  } catch {
    // Storage may be off (a private window): the desk's setting still applies once it answers.
  }
}

/** The clock remembered from the last start, before the desk is asked. */
export function applyRememberedTimeZone(): void {
  try {
    const zone = localStorage.getItem(KEY);
    if (isZone(zone)) {
      setShownZone(zone);
      useTimeZone.setState({ zone });
    }
  } catch {
    // As above.
  }
}

/** The switch in the header: shows the clock at once and saves it on the desk (audited there). */
export async function chooseTimeZone(zone: TimeZoneChoice): Promise<void> {
  const before = useTimeZone.getState().zone;
  applyTimeZone(zone);
  try {
    await api.call('settings.set', { key: 'console.timeZone', value: zone });
    useTimeZone.setState({ error: null });
  } catch (e) {
    applyTimeZone(before);
    useTimeZone.setState({ error: asCallError('settings.set', e) });
  }
}
