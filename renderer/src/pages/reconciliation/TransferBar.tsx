// Reading and uploading a file, then waiting for the engine: a bar for the bytes, words for the phase.
import { formatBytes } from '../../format/bytes';
import type { Transfer } from './io/transfer';
import { ProgressTrack } from '../../components/ProgressTrack';

const PHASE: Record<Transfer['phase'], string> = {
  read: 'Reading',
  upload: 'Uploading',
  process: 'The engine is checking the file',
};

export function TransferBar({ transfer, testId, what = 'the file', onCancel }: { transfer: Transfer | null; testId?: string; what?: string; onCancel?: () => void }) {
  const phase = transfer?.phase ?? 'read';
  const known = transfer !== null && transfer.total > 0 && phase !== 'process';
  const fraction = known ? Math.min(1, transfer.loaded / transfer.total) : null;
  return (
    <div className="progress progress-running rc-transfer" data-testid={testId} data-phase={phase}>
      <ProgressTrack fraction={fraction} label={`${PHASE[phase]} ${what}`} max={known ? transfer.total : undefined} now={known ? transfer.loaded : undefined} />
      <div className="progress-text">
        <span className="progress-message">
          {PHASE[phase]}
          {phase === 'process' ? '…' : ` ${what}`}
        </span>
        <span className="num dim">
          {known ? `${formatBytes(transfer.loaded)} of ${formatBytes(transfer.total)} · ${Math.floor(fraction! * 100)} %` : null}
          {onCancel && phase !== 'process' ? (
            <button type="button" className="btn btn-small btn-ghost" onClick={onCancel} data-testid={testId ? `${testId}-cancel` : undefined}>
              Cancel
            </button>
          ) : null}
        </span>
      </div>
    </div>
  );
}
