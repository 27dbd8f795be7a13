// How the console is connected to the engine, and whether events are flowing.
import { useConnection } from '../stores/connection';
import { useNow } from '../hooks/useNow';

export function ConnectionStatus() {
  const c = useConnection();
  const now = useNow();
  let label: string;
  let tone: 'live' | 'warn' | 'bad';
  switch (c.state) {
    case 'live':
      label = c.mode === 'electron' ? 'Live · desktop' : 'Live';
      tone = 'live';
      break;
    case 'connecting':
      label = 'Connecting…';
      tone = 'warn';
      break;
    case 'reconnecting': {
      const secs = c.retryAt ? Math.max(0, Math.ceil((c.retryAt - now) / 1000)) : 0;
      label = secs > 0 ? `Reconnecting in ${secs}s` : 'Reconnecting…';
      tone = 'warn';
      break;
    }
    case 'unauthorized':
      label = 'Token refused';
      tone = 'bad';
      break;
    default:
      label = 'Disconnected';
      tone = 'bad';
  }
  const title =
    c.state === 'reconnecting'
      ? `The event stream dropped${c.lastError ? ` (${c.lastError})` : ''}; attempt ${c.attempt}. Data may be stale until it is back.`
      : c.state === 'live'
        ? 'Receiving live updates'
        : (c.lastError ?? undefined);
  return (
    <span className={`conn conn-${tone}`} data-testid="connection-status" data-state={c.state} title={title} role="status">
      <span key={c.events} className={c.events > 0 ? 'conn-dot blink' : 'conn-dot'} aria-hidden="true" />
      {label}
    </span>
  );
}
