// The passphrase a repository is made with: typed twice, never shown, and whether this machine
// keeps it (scheduled backups need it kept).
import { MIN_PASSPHRASE } from './model/destination-form';

export function PassphraseFields({
  passphrase,
  again,
  keep,
  problems,
  onChange,
}: {
  passphrase: string;
  again: string;
  keep: boolean;
  problems: { passphrase?: string; passphraseAgain?: string };
  onChange(patch: { passphrase?: string; passphraseAgain?: string; keepPassphrase?: boolean }): void;
}) {
  return (
    <div className="bk-passphrase">
      <label className="field-stack">
        <span className="field-label">Passphrase</span>
        <input
          className={`input${problems.passphrase ? ' bad' : ''}`}
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={(e) => onChange({ passphrase: e.target.value })}
          placeholder={`at least ${MIN_PASSPHRASE} characters`}
          data-testid="passphrase"
        />
        {problems.passphrase ? <span className="bk-field-error">{problems.passphrase}</span> : null}
      </label>
      <label className="field-stack">
        <span className="field-label">Passphrase again</span>
        <input
          className={`input${problems.passphraseAgain ? ' bad' : ''}`}
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={(e) => onChange({ passphraseAgain: e.target.value })}
          data-testid="passphrase-again"
        />
        {problems.passphraseAgain ? <span className="bk-field-error">{problems.passphraseAgain}</span> : null}
      </label>
      <label className="bk-check">
        <input type="checkbox" checked={keep} onChange={(e) => onChange({ keepPassphrase: e.target.checked })} data-testid="keep-passphrase" />
        <span>
          Keep the passphrase on this machine <span className="dim">(in backup-secrets.json, mode 0600; scheduled backups need it)</span>
        </span>
      </label>
    </div>
  );
}
