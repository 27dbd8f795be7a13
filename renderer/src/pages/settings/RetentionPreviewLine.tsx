// What the retention being edited would prune now, asked of the desk once typing pauses (nothing
// is written): "would prune 12 of 80 checkpoints (3.1 MB)", before anything is saved.
import { minuteStamp } from '../../format/time';
import { useEffect, useState } from 'react';
import type { CheckpointRetentionPreview } from '../../../../shared/api/settings';
import { TYPING_PAUSE_MS } from '../../hooks/useSentOnPause';
import { formatBytes } from '../../format/bytes';
import { previewRetention } from './store/settings';

export function RetentionPreviewLine({ policy }: { policy: unknown }) {
  const key = JSON.stringify(policy);
  const [answer, setAnswer] = useState<{ key: string; preview: CheckpointRetentionPreview | null; error: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      previewRetention(JSON.parse(key)).then(
        (preview) => live && setAnswer({ key, preview, error: null }),
        (e: unknown) => live && setAnswer({ key, preview: null, error: e instanceof Error ? e.message : String(e) }),
      );
    }, TYPING_PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key]);
  const current = answer?.key === key;
  const p = answer?.preview;
  return (
    <p className={`st-preview${current ? '' : ' dim'}`} data-testid="retention-preview" data-count={current && p ? String(p.remove.length) : undefined} aria-live="polite">
      {!answer ? (
        'Working out what it would prune…'
      ) : answer.error ? (
        <span className="st-bad">Cannot preview: {answer.error}</span>
      ) : p ? (
        <>
          Would prune <strong>{p.remove.length.toLocaleString('en-US')}</strong> of {p.total.toLocaleString('en-US')} checkpoints ({formatBytes(p.bytes)}) if saved and pruned now
          {p.remove.length ? <span className="dim">; oldest {minuteStamp(p.remove[p.remove.length - 1].createdAt, true)}</span> : null}.
        </>
      ) : null}
    </p>
  );
}
