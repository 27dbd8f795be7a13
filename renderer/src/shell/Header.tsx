// The top bar: which state folder this is, when it last changed, its settings, the connection.
import { shortHash } from '../format/time';
import { useDesk } from '../stores/desk';
import { StalenessBadge } from '../components/CheckpointStaleness';
import { ConnectionStatus } from './ConnectionStatus';
import { RelativeTime } from '../components/RelativeTime';
import { TierHealth } from './TierHealth';
import { ZoneSwitch } from './ZoneSwitch';

export function Header() {
  const desk = useDesk((s) => s.data);
  return (
    <header className="topbar" data-testid="header">
      <div className="topbar-item topbar-path" title={desk?.stateDir}>
        <span className="label">State folder</span>
        <code data-testid="header-state-dir">{desk?.stateDir ?? '…'}</code>
      </div>
      <div className="topbar-item">
        <span className="label">Last activity</span>
        <RelativeTime iso={desk?.lastActivity ?? null} testId="header-last-activity" />
      </div>
      <div className="topbar-item" title={desk ? `settings hash ${desk.settingsHash}` : undefined}>
        <span className="label">Settings</span>
        <code data-testid="header-settings-hash">{desk ? shortHash(desk.settingsHash) : '…'}</code>
      </div>
      <StalenessBadge />
      <div
        className="topbar-item topbar-schema"
        title={desk ? `The database's schema, v${desk.schemaVersion}. Checkpoints hold the live tables, whose format is counted apart: v${desk.stateFormat}` : undefined}
        data-testid="header-schema"
      >
        <span className="label">Schema</span>
        <span className="num">{desk ? `v${desk.schemaVersion}` : '…'}</span>
      </div>
      <TierHealth />
      <ZoneSwitch />
      <div className="topbar-spacer" />
      <ConnectionStatus />
    </header>
  );
}
