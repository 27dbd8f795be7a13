// A checkpoint's type, integrity and pin, in words first with colour as a hint.
import type { CheckpointInfo, CheckpointType } from '../../../../shared/api/checkpoints';
import { Badge } from '../../components/Badge';
import { shownTime } from '../../format/time';
import { STATUS_LABEL, TYPE_LABEL } from './model/labels';

export function TypeBadge({ type }: { type: CheckpointType }) {
  return (
    <span className={`cp-type cp-type-${type}`} data-testid="checkpoint-type">
      <span className="cp-type-dot" aria-hidden="true" />
      {TYPE_LABEL[type]}
    </span>
  );
}

export function StatusBadge({ info, testId = 'checkpoint-status' }: { info: Pick<CheckpointInfo, 'status' | 'statusDetail' | 'verifiedAt'>; testId?: string }) {
  const title =
    info.status === 'ok'
      ? `Verified ${shownTime(info.verifiedAt)}: every chunk rehashed, every table’s state hash recomputed from its rows`
      : info.status === 'corrupt'
        ? (info.statusDetail ?? 'failed verification')
        : 'Not verified since it was taken';
  const tone = info.status === 'ok' ? 'ok' : info.status === 'corrupt' ? 'halt' : 'neutral';
  return (
    <Badge tone={tone} title={title} testId={testId}>
      {STATUS_LABEL[info.status].toUpperCase()}
    </Badge>
  );
}

export function PinMark({ pinned }: { pinned: boolean }) {
  return pinned ? (
    <span className="cp-pin" title="Pinned: never pruned" data-testid="checkpoint-pinned">
      PINNED
    </span>
  ) : null;
}

/** A checkpoint id, or the live state. */
export function RefText({ value }: { value: string }) {
  return value === 'live' ? <span className="cp-live">LIVE</span> : <code className="cp-id">{value}</code>;
}
