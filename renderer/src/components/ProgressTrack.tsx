// The bar of a progress line: filled to `fraction`, or a moving stripe while the total is unknown.
import './ProgressTrack.css';

export function ProgressTrack({ fraction, label, max, now }: { fraction: number | null; label: string; max?: number; now?: number }) {
  return (
    <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={max} aria-valuenow={now} aria-label={label}>
      <div className={`progress-fill${fraction === null ? ' indeterminate' : ''}`} style={fraction === null ? undefined : { width: `${fraction * 100}%` }} />
    </div>
  );
}
