// Where the person is inside the checkpoints page, kept in the address after "#/checkpoints" so a
// reload or the back button returns there: #/checkpoints/detail/ID, #/checkpoints/compare/A/B,
// #/checkpoints/rollback/ID.
import { addressParts } from '../../../routing/address';

export type CheckpointRef = string; // a checkpoint id or 'live'

export type CheckpointView =
  | { kind: 'timeline' }
  | { kind: 'detail'; id: string }
  | { kind: 'compare'; from: CheckpointRef; to: CheckpointRef }
  | { kind: 'rollback'; id: string };

const ID = /^[A-Z]{3}_\d{8}_\d{6}_[0-9a-f]{4}$/;
export const isCheckpointId = (s: string): boolean => ID.test(s);
const isRef = (s: string | undefined): s is string => s !== undefined && (s === 'live' || ID.test(s));

/** The view an address names, or null when the address is not on the checkpoints page. */
export function parseCheckpointView(hash: string): CheckpointView | null {
  const parts = addressParts(hash);
  if (parts[0] !== 'checkpoints') return null;
  const [, kind, a, b] = parts;
  if (kind === 'detail' && a && ID.test(a)) return { kind: 'detail', id: a };
  if (kind === 'rollback' && a && ID.test(a)) return { kind: 'rollback', id: a };
  if (kind === 'compare' && isRef(a) && isRef(b)) return { kind: 'compare', from: a, to: b };
  return { kind: 'timeline' };
}

export function checkpointViewHash(view: CheckpointView): string {
  switch (view.kind) {
    case 'timeline':
      return '#/checkpoints';
    case 'detail':
      return `#/checkpoints/detail/${view.id}`;
    case 'rollback':
      return `#/checkpoints/rollback/${view.id}`;
    case 'compare':
      return `#/checkpoints/compare/${view.from}/${view.to}`;
  }
}
