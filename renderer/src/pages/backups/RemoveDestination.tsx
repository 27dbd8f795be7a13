// Removing a destination from this desk: its repository and backups stay where they are (a folder
// or a bucket can be added again), but the passphrase kept here is forgotten — so the operator
// types the name to confirm, having read that.
import { useState } from 'react';
import { api } from '../../api/client';
import { asCallError, type ApiCallError } from '../../api/errors';
import { ErrorPanel } from '../../components/ErrorPanel';
import { useBackups } from './store/backups';

export function RemoveDestination({ name, passphraseKept }: { name: string; passphraseKept: boolean }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiCallError | null>(null);
  const show = useBackups((s) => s.show);
  const load = useBackups((s) => s.load);
  if (!open) {
    return (
      <button type="button" className="btn btn-ghost btn-small bk-remove" onClick={() => setOpen(true)} data-testid="destination-remove">
        Remove…
      </button>
    );
  }
  const remove = async () => {
    setBusy(true);
    try {
      await api.call('backups.destinations.remove', { name });
      show({ kind: 'snapshots', destination: null });
      await load();
    } catch (e) {
      setError(asCallError('backups.destinations.remove', e));
      setBusy(false);
    }
  };
  return (
    <div className="bk-remove-confirm" data-testid="destination-remove-confirm">
      <p>
        The repository and its backups stay where they are; this desk stops using them.
        {passphraseKept ? ' The passphrase kept on this machine is forgotten: you will need it, or the recovery key, to add it again.' : ''}
      </p>
      <label className="field-stack">
        <span className="field-label">Type {name} to remove it</span>
        <input className="input" value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus data-testid="destination-remove-typed" />
      </label>
      <div className="bk-op-row">
        <button type="button" className="btn btn-danger btn-small" disabled={busy || typed.trim() !== name} onClick={() => void remove()} data-testid="destination-remove-do">
          Remove {name}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => (setOpen(false), setTyped(''), setError(null))}>
          Keep it
        </button>
      </div>
      {error ? <ErrorPanel error={error} title={`${name} was not removed`} /> : null}
    </div>
  );
}
