// How old the newest checkpoint is (desk.status): a quiet age in the header that turns into a
// warning past the threshold, and a banner on the dashboard with a way to fix it at once.
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { onAnyEvent } from '../live/live';
import { RefreshThrottle } from '../live/throttle';
import { formatSpan } from '../pages/checkpoints/model/timeline';
import { useNow } from '../hooks/useNow';
import { useDesk } from '../stores/desk';
import { useNav } from '../routing/nav';
import { Badge } from './Badge';
import './CheckpointStaleness.css';

export interface CheckpointAge {
  count: number;
  newestId: string | null;
  /** Seconds since the newest checkpoint, ticking; null without one. */
  ageSeconds: number | null;
  staleAfterSeconds: number;
  stale: boolean;
  /** The console is taking the desk's first checkpoint: "none" is not a warning yet. */
  takingFirst: boolean;
}

/** The newest checkpoint's age, kept current between desk.status loads. */
export function useCheckpointAge(): CheckpointAge | null {
  const c = useDesk((s) => s.data?.checkpoints);
  const loadedAt = useDesk((s) => s.loadedAt);
  const now = useNow();
  if (!c) return null;
  const ageSeconds = c.ageSeconds === null ? null : c.ageSeconds + Math.max(0, (now - (loadedAt ?? now)) / 1000);
  const takingFirst = c.count === 0 && c.takingFirst;
  const stale = (c.count === 0 && !takingFirst) || (c.count > 0 && (c.stale || (ageSeconds !== null && ageSeconds > c.staleAfterSeconds)));
  return { count: c.count, newestId: c.newestId, ageSeconds, staleAfterSeconds: c.staleAfterSeconds, stale, takingFirst };
}

/** desk.status follows state changes already; taking or pruning a checkpoint is not one. */
function useDeskFollowsCheckpoints(): void {
  useEffect(() => {
    const throttle = new RefreshThrottle(() => useDesk.getState().load(), 500);
    const off = onAnyEvent((e) => {
      if (e.name === 'checkpoints.changed') throttle.request();
    });
    return () => {
      off();
      throttle.dispose();
    };
  }, []);
}

const ageText = (a: CheckpointAge) => (a.ageSeconds === null ? 'none yet' : `${formatSpan(a.ageSeconds * 1000)} ago`);

export function StalenessBadge() {
  useDeskFollowsCheckpoints();
  const age = useCheckpointAge();
  const go = useNav((s) => s.go);
  if (!age) return null;
  const title = age.newestId
    ? `Newest checkpoint ${age.newestId}; warn after ${formatSpan(age.staleAfterSeconds * 1000)}`
    : age.takingFirst
      ? 'The console is taking this state folder’s first checkpoint'
      : 'No checkpoint has been taken in this state folder';
  return (
    <button type="button" className="topbar-item topbar-checkpoint" onClick={() => go('checkpoints')} title={title} data-testid="header-checkpoint">
      <span className="label">Checkpoint</span>
      {age.takingFirst ? (
        <span className="reltime" data-testid="header-checkpoint-taking">
          taking the first checkpoint…
        </span>
      ) : age.stale ? (
        <Badge tone="warn" testId="header-staleness">
          {age.count === 0 ? 'NONE' : `STALE · ${ageText(age)}`}
        </Badge>
      ) : (
        <span className="reltime" data-testid="header-checkpoint-age">
          {ageText(age)}
        </span>
      )}
    </button>
  );
}

export function StalenessBanner() {
  const age = useCheckpointAge();
  const go = useNav((s) => s.go);
  const [taking, setTaking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!age?.stale) return null;
  const take = async () => {
    setTaking(true);
    setError(null);
    try {
      await api.call('checkpoints.create', { type: 'manual', label: 'taken from the staleness warning' });
      await useDesk.getState().load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setTaking(false);
    }
  };
  return (
    <div className="banner banner-warn" role="status" data-testid="staleness-banner">
      <Badge tone="warn">STALE</Badge>
      <span className="banner-text">
        {age.count === 0 ? (
          'No checkpoint has been taken yet: nothing to roll back to if the state goes wrong.'
        ) : (
          <>
            The newest checkpoint is {ageText(age)} old (warning after {formatSpan(age.staleAfterSeconds * 1000)}). Changes since then cannot be rolled
            back.
          </>
        )}
        {error ? <span className="banner-error"> {error}</span> : null}
      </span>
      <button type="button" className="btn btn-primary btn-small" onClick={() => void take()} disabled={taking} data-testid="staleness-take-checkpoint">
        {taking ? 'Taking…' : 'Take checkpoint now'}
      </button>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => go('checkpoints')}>
        Checkpoints →
      </button>
    </div>
  );
}
