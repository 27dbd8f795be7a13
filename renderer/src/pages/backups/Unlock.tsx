// A destination whose passphrase is not kept on this machine: the passphrase, given for this
// session only (held in memory, never shown again), opens its snapshots.
import { useState } from 'react';
import { useBackups } from './store/backups';

export function Unlock({ destination }: { destination: string }) {
  const unlocked = useBackups((s) => s.unlocked.includes(destination));
  const unlock = useBackups((s) => s.unlock);
  const lock = useBackups((s) => s.lock);
  const error = useBackups((s) => s.snapshots[destination]?.error);
  const [passphrase, setPassphrase] = useState('');
  if (unlocked) {
    return (
      <div className="bk-unlock" data-testid="unlocked">
        <span>The passphrase of {destination} is held for this session only.</span>
        <button type="button" className="btn btn-small" onClick={() => lock(destination)}>
          Forget it
        </button>
      </div>
    );
  }
  return (
    <form
      className="bk-unlock"
      onSubmit={(e) => {
        e.preventDefault();
        const p = passphrase;
        setPassphrase('');
        if (p) void unlock(destination, p);
      }}
      data-testid="unlock"
    >
      <span>The passphrase of {destination} is not kept on this machine: give it to work with its snapshots.</span>
      <input className="input" type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} aria-label="Passphrase" data-testid="unlock-passphrase" />
      <button type="submit" className="btn btn-primary" disabled={!passphrase}>
        Open
      </button>
      {error?.code === 'wrong_passphrase' ? <span className="bk-field-error">{error.message}</span> : null}
    </form>
  );
}
