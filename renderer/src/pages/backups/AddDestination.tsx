// Adding a destination: a folder or an S3-compatible bucket, then its repository made with a
// passphrase (backups.init). Secrets are emptied from the form as soon as it is sent.
import { useState, type ReactNode } from 'react';
import { ErrorPanel } from '../../components/ErrorPanel';
import { buildDestination, EMPTY_DESTINATION_FORM, withoutSecrets, type DestinationField, type DestinationForm, type Problems } from './model/destination-form';
import { PassphraseFields } from './PassphraseFields';
import { useAddDestination } from './store/add-destination';
import { useBackups } from './store/backups';

export function AddDestination() {
  const [form, setForm] = useState<DestinationForm>(EMPTY_DESTINATION_FORM);
  const [problems, setProblems] = useState<Problems>({});
  const sending = useAddDestination((s) => s.sending);
  const error = useAddDestination((s) => s.error);
  const submit = useAddDestination((s) => s.submit);
  const show = useBackups((s) => s.show);
  const patch = (p: Partial<DestinationForm>) => {
    setForm((f) => ({ ...f, ...p }));
    setProblems((x) => {
      const next = { ...x };
      for (const k of Object.keys(p) as DestinationField[]) delete next[k];
      return next;
    });
  };

  const send = async () => {
    const built = buildDestination(form);
    if (!built.ok) return setProblems(built.problems);
    setProblems({});
    setForm(withoutSecrets(form));
    if (await submit(built.value, form.schedules)) {
      setForm(EMPTY_DESTINATION_FORM);
      show({ kind: 'snapshots', destination: built.value.add.name });
    }
  };

  const text = (field: 'name' | 'path' | 'endpoint' | 'region' | 'bucket' | 'prefix' | 'accessKeyId' | 'objectLockDays', label: string, placeholder: string, wide = false) => (
    <Field label={label} problem={problems[field]} wide={wide}>
      <input
        className={`input${problems[field] ? ' bad' : ''}`}
        value={form[field]}
        onChange={(e) => patch({ [field]: e.target.value })}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        data-testid={`dest-${field}`}
      />
    </Field>
  );

  return (
    <form
      className="bk-add"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
      data-testid="add-destination"
    >
      <section className="panel">
        <h2 className="panel-title">Where backups go</h2>
        <div className="bk-form-grid">
          {text('name', 'Name', 'e.g. offsite')}
          <div className="field-stack">
            <span className="field-label">Kind</span>
            <div className="segmented" role="radiogroup" aria-label="Kind">
              {(['folder', 's3'] as const).map((k) => (
                <button key={k} type="button" role="radio" aria-checked={form.kind === k} className={`seg${form.kind === k ? ' active' : ''}`} onClick={() => patch({ kind: k })} data-testid={`dest-kind-${k}`}>
                  {k === 'folder' ? 'Folder' : 'S3-compatible'}
                </button>
              ))}
            </div>
          </div>
          {form.kind === 'folder' ? (
            text('path', 'Folder', '/mnt/backup/desk (another disk or a mount)', true)
          ) : (
            <>
              {text('endpoint', 'Endpoint', 'https://s3.eu-west-1.amazonaws.com', true)}
              {text('region', 'Region', 'us-east-1')}
              {text('bucket', 'Bucket', 'an existing bucket')}
              {text('prefix', 'Key prefix', 'desk-1/ (or empty)')}
              {text('accessKeyId', 'Access key id', 'AKIA…')}
              <Field label="Secret access key" problem={problems.secretAccessKey}>
                <input
                  className={`input${problems.secretAccessKey ? ' bad' : ''}`}
                  type="password"
                  autoComplete="off"
                  value={form.secretAccessKey}
                  onChange={(e) => patch({ secretAccessKey: e.target.value })}
                  data-testid="dest-secretAccessKey"
                />
              </Field>
              <label className="bk-check bk-wide">
                <input type="checkbox" checked={form.archive} onChange={(e) => patch({ archive: e.target.checked })} data-testid="dest-archive" />
                <span>
                  Archive storage class <span className="dim">(GLACIER: cheaper to keep; a restore first waits for the store to bring objects back)</span>
                </span>
              </label>
              {text('objectLockDays', 'Object Lock, days', 'empty: off (the bucket must have Object Lock on)')}
              <p className="dim bk-wide bk-op-note">
                With Object Lock each pack, index file and snapshot record stays immutable for that many days (COMPLIANCE mode): nobody, this desk included, can delete or overwrite it before then, so a forget or prune that would remove one is refused, naming it, until its time is up.
              </p>
            </>
          )}
        </div>
      </section>
      <section className="panel">
        <h2 className="panel-title">The repository</h2>
        <p className="bk-explain">Everything is encrypted with a key sealed under this passphrase. A recovery key is shown once after this step: write it down.</p>
        <PassphraseFields
          passphrase={form.passphrase}
          again={form.passphraseAgain}
          keep={form.keepPassphrase}
          problems={problems}
          onChange={(p) => patch(p)}
        />
        <label className="bk-check">
          <input type="checkbox" checked={form.schedules} onChange={(e) => patch({ schedules: e.target.checked })} data-testid="dest-schedules" />
          <span>
            Start the usual schedule <span className="dim">(incremental every minute, differential every 6 hours, full daily at 00:00 UTC; change it under Schedule &amp; retention)</span>
          </span>
        </label>
      </section>
      {error && (error.channel === 'backups.destinations.add' || error.channel === 'backups.init' || error.channel === 'backups.schedules.set') ? (
        <ErrorPanel error={error} title={error.channel === 'backups.destinations.add' ? 'The destination was not added' : 'The destination was added, but its repository was not made'} />
      ) : null}
      <div className="bk-form-foot">
        <span className="dim">{sending === 'add' ? 'Adding the destination…' : sending === 'schedules' ? 'Leaving its schedule off…' : sending === 'init' ? 'Making the repository…' : ''}</span>
        <button type="button" className="btn" onClick={() => show({ kind: 'snapshots', destination: null })}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={sending !== null} data-testid="dest-submit">
          Add and init
        </button>
      </div>
    </form>
  );
}

function Field({ label, problem, wide, children }: { label: string; problem?: string; wide?: boolean; children: ReactNode }) {
  return (
    <label className={`field-stack${wide ? ' bk-wide' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {problem ? <span className="bk-field-error">{problem}</span> : null}
    </label>
  );
}
