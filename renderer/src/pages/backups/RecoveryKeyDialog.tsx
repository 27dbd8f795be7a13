// The recovery key of a repository just made: shown once, with Copy, until the person says it is
// written down. Closing drops it; nothing shows it again.
import { useEffect, useRef, useState } from 'react';
import { useAddDestination } from './store/add-destination';

export function RecoveryKeyDialog() {
  const result = useAddDestination((s) => s.recoveryKey);
  const close = useAddDestination((s) => s.closeRecoveryKey);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const [written, setWritten] = useState(false);
  const keyRef = useRef<HTMLElement>(null);
  useEffect(() => {
    setCopied(null);
    setWritten(false);
  }, [result?.recoveryKey]);
  if (!result) return null;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(result.recoveryKey);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure origin): select the key so Ctrl+C takes it.
      const range = document.createRange();
      if (keyRef.current) range.selectNodeContents(keyRef.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setCopied('no');
    }
  };

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Recovery key" data-testid="recovery-key-dialog">
      <div className="overlay-box bk-dialog">
        <div className="overlay-title">Repository made on {result.destination}</div>
        <p>
          This is its <strong>recovery key</strong>. It opens the repository when every passphrase is lost. <strong>Write it down</strong> and keep it apart from this
          machine: it is shown only now.
        </p>
        <code className="bk-recovery-key" ref={keyRef} data-testid="recovery-key">
          {result.recoveryKey}
        </code>
        <div className="bk-row">
          <button type="button" className="btn" onClick={() => void copy()} data-testid="recovery-key-copy">
            Copy
          </button>
          <span className="dim" data-testid="recovery-key-copied">
            {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'no' ? 'Selected: press Ctrl+C to copy.' : ''}
          </span>
        </div>
        <p className="dim">
          Repository <code>{result.repositoryId}</code>.{' '}
          {result.passphraseKept ? 'The passphrase is kept on this machine for scheduled backups.' : 'The passphrase was not kept: it is asked for each time.'}
        </p>
        <div className="bk-dialog-foot">
          <label className="bk-check">
            <input type="checkbox" checked={written} onChange={(e) => setWritten(e.target.checked)} data-testid="recovery-key-written" />
            <span>I have written it down</span>
          </label>
          <button type="button" className="btn btn-primary" disabled={!written} onClick={close} data-testid="recovery-key-done">
            Done
          </button>
        </div>
      </div>
    </div>
  );
}
