// The switch between UTC and this machine's time (setting console.timeZone), naming the zone
// every shown time is in; saved on the desk, so the Settings page shows the same.
import { zoneName } from '../format/time';
import { chooseTimeZone, useTimeZone } from '../stores/time-zone';

export function ZoneSwitch() {
  const zone = useTimeZone((s) => s.zone);
  const error = useTimeZone((s) => s.error);
  const local = zone === 'local';
  const name = zoneName();
  return (
    <div className="topbar-item topbar-zone">
      <span className="label" id="zone-switch-label">
        {local ? 'Local time' : 'Times'}
      </span>
      <button
        type="button"
        role="switch"
        aria-checked={local}
        aria-labelledby="zone-switch-label zone-switch-name"
        className={`zone-switch${local ? ' on' : ''}`}
        title={error ? `Not saved: ${error.message}` : local ? `Local time (${name}); exact UTC on hover. Click for UTC` : 'UTC, as stored. Click for this machine’s local time'}
        onClick={() => void chooseTimeZone(local ? 'utc' : 'local')}
        data-testid="zone-switch"
      >
        <span className="zone-switch-track" aria-hidden="true" />
        <span id="zone-switch-name" data-testid="zone-name">
          {name}
        </span>
      </button>
    </div>
  );
}
