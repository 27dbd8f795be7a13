// Step 1: the broker's file. Dropped or picked; read and checked by the engine off the page's
// thread; what the engine detected (format, as-of time, what each account's part covers).
import { BROKER_FORMATS, type BrokerFormat } from '../../../../shared/api/reconcile';
import { Badge } from '../../components/Badge';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatBytes } from '../../format/bytes';
import { DropZone } from './DropZone';
import { TransferBar } from './TransferBar';
import { shownTime, stampMs } from '../../format/time';
import { useDesk } from '../../stores/desk';
import { useReconStart } from './store/start';
import { coverageParts } from './model/coverage';
import { FORMAT_LABEL } from './model/labels';
import { BrokerNotes } from './BrokerNotes';

const ACCEPT = '.csv,.tsv,.txt,.json,.xml,text/csv,application/json,application/xml,text/xml';

export function BrokerFilePanel() {
  const file = useReconStart((s) => s.file);
  const inspect = useReconStart((s) => s.inspect);
  const chooseFile = useReconStart((s) => s.chooseFile);
  const format = useReconStart((s) => s.format);
  const setFormat = useReconStart((s) => s.setFormat);
  const accountId = useReconStart((s) => s.accountId);
  const setAccount = useReconStart((s) => s.setAccount);
  const accounts = useDesk((s) => s.data?.accounts);

  return (
    <section className="panel rc-panel" data-testid="recon-file-panel">
      <h2 className="panel-title">
        Broker snapshot
      </h2>
      <DropZone
        onFile={(f) => void chooseFile(f)}
        accept={ACCEPT}
        testId="recon-dropzone"
        inputTestId="recon-file-input"
        buttonLabel={file ? 'Choose another…' : 'Choose a file…'}
        compact={file !== null}
      >
        {file ? (
          <div className="rc-file" data-testid="recon-file">
            <span className="rc-file-name" data-testid="recon-file-name">
              {file.name}
            </span>
            <span className="dim" title={`${file.size.toLocaleString('en-US')} bytes`}>
              {formatBytes(file.size)}
            </span>
            {file.lastModified ? <span className="dim">modified {stampMs(file.lastModified)}</span> : null}
          </div>
        ) : (
          <div className="rc-drop-text">
            <div className="rc-drop-title">Drop the broker’s file here</div>
            <div className="dim">CSV with a column mapping · CCXT unified JSON · Alpaca JSON · IBKR Flex XML · Lifeboat snapshot JSON. Large files are fine: they are read off the window’s thread.</div>
          </div>
        )}
      </DropZone>

      {file ? (
        <div className="rc-file-options">
          <label className="field">
            <span className="field-label">Format</span>
            <select className="input" value={format} onChange={(e) => setFormat(e.target.value as BrokerFormat | 'auto')} data-testid="recon-format">
              <option value="auto">Detect from the content</option>
              {BROKER_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_LABEL[f]}
                </option>
              ))}
            </select>
          </label>
          <label className="field" title="Only used when the file does not name its account (e.g. a single-account Alpaca or CSV export)">
            <span className="field-label">Account</span>
            <select className="input" value={accountId} onChange={(e) => setAccount(e.target.value)} data-testid="recon-account">
              <option value="">As the file says</option>
              {(accounts ?? []).map((a) => (
                <option key={a.account.accountId} value={a.account.accountId}>
                  {a.account.accountId} · {a.account.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}

      {inspect.state === 'sending' ? <TransferBar transfer={inspect.transfer} testId="recon-read-progress" what={file?.name} /> : null}
      {inspect.state === 'failed' ? (
        <div className="rc-inspect-failed" data-testid="recon-inspect-error">
          <ErrorPanel error={inspect.error} title="This file cannot be used as it is" />
          <p className="rc-note">Nothing was run and nothing changed. Fix the file (or the format, account or column mapping) and it is checked again.</p>
        </div>
      ) : null}
      {inspect.state === 'ready' ? <Detected /> : null}
    </section>
  );
}

function Detected() {
  const inspect = useReconStart((s) => s.inspect);
  if (inspect.state !== 'ready') return null;
  const { info } = inspect;
  const anyUncovered = info.coverage.some((line) => coverageParts(line).some((p) => p.missing));
  return (
    <div className="rc-detected" data-testid="recon-detected" data-format={info.format}>
      <div className="rc-detected-head">
        <span className="dim">Detected</span>
        <Badge tone="info" testId="recon-detected-format">
          {FORMAT_LABEL[info.format]}
        </Badge>
        <span className="dim">as of</span>
        <span data-testid="recon-detected-asof">{info.asOf ? shownTime(info.asOf) : <span className="dim">not stated in the file</span>}</span>
        <span className="dim">·</span>
        <span>
          {info.accounts.length} account{info.accounts.length === 1 ? '' : 's'}
        </span>
      </div>
      <ul className="rc-coverage" data-testid="recon-coverage">
        {info.coverage.map((line) => {
          const [account, rest] = splitAccount(line);
          return (
            <li key={line} data-testid="recon-coverage-line">
              <code className="rc-coverage-account">{account}</code>
              {coverageParts(rest).map((p, i) => (
                <span key={i} className={p.missing ? 'rc-uncovered' : 'rc-covered'}>
                  {p.text}
                </span>
              ))}
            </li>
          );
        })}
      </ul>
      {anyUncovered ? (
        <p className="rc-note" data-testid="recon-coverage-note">
          A section the file does not report is not compared: a missing report never means “flat” or “no orders”.
        </p>
      ) : null}
      <BrokerNotes notes={info.notes} testId="recon-detected-notes" />
    </div>
  );
}

function splitAccount(line: string): [string, string] {
  const i = line.indexOf(': ');
  return i < 0 ? ['', line] : [line.slice(0, i), line.slice(i + 2)];
}
