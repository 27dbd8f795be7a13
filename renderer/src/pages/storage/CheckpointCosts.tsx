// What each checkpoint's objects occupy per tier (tiers.checkpoints), newest first, with Promote
// for a checkpoint that has objects in the cold tier.
import { formatBytes } from '../../format/bytes';
import { JobLine } from '../../jobs/JobLine';
import { cancelJob, isRunning } from '../../jobs/job-run';
import { useStorage } from './store/storage';

export function CheckpointCosts() {
  const costs = useStorage((s) => s.costs);
  const promote = useStorage((s) => s.promote);
  const promoting = useStorage((s) => s.promoting);
  const startPromote = useStorage((s) => s.startPromote);
  const rows = [...(costs ?? [])].reverse();
  return (
    <div className="panel st-costs" data-testid="checkpoint-costs">
      <div className="st-section-title">Checkpoints per tier</div>
      <JobLine run={promote} onCancel={() => void cancelJob(promote, (r) => useStorage.setState((s) => ({ promote: { ...s.promote, ...r } })))} testId="promote-job" failedTitle="Promote failed" />
      <div className="st-costs-scroll">
        <table className="st-table">
          <thead>
            <tr>
              <th>Checkpoint</th>
              <th>Time (UTC)</th>
              <th>Pinned</th>
              <th className="num">Warm</th>
              <th className="num">Cold</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.checkpointId} data-testid={`cost-${c.checkpointId}`} data-cold={c.cold.bytes}>
                <td title={c.label ?? undefined}>{c.checkpointId}</td>
                <td>{c.createdAt.slice(0, 19).replace('T', ' ')}</td>
                <td>{c.pinned ? 'pinned' : ''}</td>
                <td className="num">{formatBytes(c.warm.bytes)}</td>
                <td className="num">{formatBytes(c.cold.bytes)}</td>
                <td>
                  {c.cold.objects > 0 ? (
                    <button type="button" className="btn btn-ghost" disabled={isRunning(promote)} onClick={() => void startPromote(c.checkpointId)} data-testid={`promote-${c.checkpointId}`}>
                      {promoting === c.checkpointId ? 'Promoting…' : 'Promote'}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
