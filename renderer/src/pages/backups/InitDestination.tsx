// A destination without a repository yet (init failed, or was never run): make it here.
import { useState } from 'react';
import type { DestinationInfo } from '../../../../shared/api/backup-channels';
import { ErrorPanel } from '../../components/ErrorPanel';
import { MIN_PASSPHRASE } from './model/destination-form';
import { PassphraseFields } from './PassphraseFields';
import { useAddDestination } from './store/add-destination';

export function InitDestination({ destination }: { destination: DestinationInfo }) {
  const [open, setOpen] = useState(false);
  const [p, setP] = useState({ passphrase: '', passphraseAgain: '', keepPassphrase: true });
  const [problems, setProblems] = useState<{ passphrase?: string; passphraseAgain?: string }>({});
  const sending = useAddDestination((s) => s.sending);
  const error = useAddDestination((s) => s.error);
  const init = useAddDestination((s) => s.init);

  if (!open) {
    return (
      <div className="bk-init-line">
        <span className="dim">No repository here yet.</span>
        <button type="button" className="btn btn-small btn-primary" onClick={() => setOpen(true)} data-testid="destination-init">
          Init…
        </button>
      </div>
    );
  }
  const submit = async () => {
    if (p.passphrase.length < MIN_PASSPHRASE) return setProblems({ passphrase: `at least ${MIN_PASSPHRASE} characters` });
    if (p.passphrase !== p.passphraseAgain) return setProblems({ passphraseAgain: 'the two passphrases differ' });
    const { passphrase, keepPassphrase } = p;
    setP({ passphrase: '', passphraseAgain: '', keepPassphrase }); // never kept on screen once sent
    setProblems({});
    if (await init(destination.name, passphrase, keepPassphrase)) setOpen(false);
  };
  return (
    <form
      className="bk-init"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <PassphraseFields passphrase={p.passphrase} again={p.passphraseAgain} keep={p.keepPassphrase} problems={problems} onChange={(patch) => setP((x) => ({ ...x, ...patch }))} />
      {error?.channel === 'backups.init' ? <ErrorPanel error={error} title="The repository was not made" /> : null}
      <div className="bk-row">
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={sending !== null} data-testid="destination-init-submit">
          {sending === 'init' ? 'Making the repository…' : 'Init'}
        </button>
      </div>
    </form>
  );
}
