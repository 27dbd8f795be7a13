// A diff as text for people: counts per table, then each changed row with its changed fields.
import type { CheckpointDiff } from '../../../shared/api/checkpoints';
import { table } from '../output';

const MAX_ROWS_SHOWN = 200;

export function formatDiff(diff: CheckpointDiff): string {
  const counts = table(
    ['table', 'added', 'removed', 'changed'],
    diff.tables.filter((t) => t.added + t.removed + t.changed > 0).map((t) => [t.table, String(t.added), String(t.removed), String(t.changed)]),
    [1, 2, 3],
  );
  const total = diff.tables.reduce((n, t) => n + t.added + t.removed + t.changed, 0);
  if (total === 0) return `${diff.from.ref} → ${diff.to.ref}: no differences (root ${diff.to.rootHash.slice(0, 16)}).`;
  const lines = diff.rows.slice(0, MAX_ROWS_SHOWN).map((r) => {
    const key = r.key.replace(/\u001f/g, '/');
    if (r.kind !== 'changed') return `${r.kind === 'added' ? '+' : '-'} ${r.table} ${key}`;
    const fields = r.fields.map((f) => `${f.field}: ${String(f.before)} → ${String(f.after)}${f.delta && f.delta !== '0' ? ` (${f.delta.startsWith('-') ? '' : '+'}${f.delta})` : ''}`);
    return `~ ${r.table} ${key}  ${fields.join('; ')}`;
  });
  const more = diff.rows.length > MAX_ROWS_SHOWN ? [`… and ${diff.rows.length - MAX_ROWS_SHOWN} more rows (use --json for all)`] : [];
  return [`${diff.from.ref} → ${diff.to.ref}: ${total} rows differ (${diff.chunksDecoded} chunks decoded)`, counts, '', ...lines, ...more].join('\n');
}
