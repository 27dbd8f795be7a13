// No state (the start-up coordinator's `no-state`: a fresh desk): the books loaded from a broker
// snapshot. The accounts the file names are created (what the file cannot say is asked for), then
// the books are written by the reconciliation's SYNC_TO_BROKER (every position, order and balance
// of the snapshot adopted, as `lifeboat reconcile --broker FILE --strategy sync` does), verified,
// kept as the desk's first checkpoint (pinned), reconciled again and recorded. A desk that already
// has books is not a fresh desk: NothingToRecover.
import type { PlaybookInput } from '../../../../shared/api/recovery';
import type { Account } from '../../../../shared/domain';
import { LifeboatError } from '../../../../shared/result';
import { appendAudit } from '../../audit/audit-log';
import { getReport, getSnapshot } from '../../reconcile/runs-store';
import type { DeskContext } from '../../runtime/context';
import { readRecoveryHistory } from '../playbooks/history';
import { NothingToRecover, type Playbook } from '../playbooks/playbook';
import { ACCOUNT_FIELD, BROKER_FIELD, brokerFileOf, choiceOf, FORMAT_FIELD, refuseUnknown, textOf, type BrokerFile } from './books/input';
import { accountsFor, type AccountChoices } from './books/new-accounts';
import { lastWork } from './books/resume';
import { booksState, checkpointStep, readStep, recheckStep, recordStep, syncBooks, syncLine, verifyStep, type BooksState } from './books/steps';
import type { DeskPlaybook } from './desk-playbook';

export interface NoState extends BooksState {
  choices: AccountChoices;
  accounts: Account[];
}

const FIELDS = [
  BROKER_FIELD,
  FORMAT_FIELD,
  { ...ACCOUNT_FIELD, kind: 'text' as const, help: 'Only this account of the file (or the account of a file that names none); by default every account it names.' },
  { name: 'venue', label: 'Broker', kind: 'text' as const, required: false, help: "The broker the accounts are at; by default the file's own word (CCXT's exchange, Alpaca, IBKR)." },
  { name: 'kind', label: 'Kind', kind: 'choice' as const, required: false, choices: ['equities', 'crypto'], help: 'Equities or crypto; by default crypto when the file is CCXT or its symbols are pairs (BTC/USDT).' },
  { name: 'account-type', label: 'Account type', kind: 'choice' as const, required: false, choices: ['cash', 'margin'], help: 'Cash or margin; by default margin when the file shows a short or a negative balance.' },
  { name: 'base-currency', label: 'Base currency', kind: 'text' as const, required: false, help: 'The accounts’ base currency; by default the one currency of its cash, else USD (equities) or USDT/USDC (crypto) when listed.' },
];

/** The books a desk has (accounts alone are not books: a run stopped after making them carries on). */
export function deskBooks(desk: DeskContext): { rows: number; said: string } {
  const n = (t: string) => desk.store.db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number;
  const counts = { strategies: n('strategies'), positions: n('positions'), orders: n('orders'), 'cash balances': n('cash_balances') };
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  return { rows, said: Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ') };
}

function refuseBooks(desk: DeskContext): string {
  const books = deskBooks(desk);
  if (books.rows > 0) throw new NothingToRecover(`the desk has books (${books.said}): it is not a fresh desk (a stale one is rebuilt by the stale-state playbook)`, desk.paths.dir);
  return `The desk has no books (${books.said}).`;
}

const firstLabel = (fileName: string) => `recovery no-state: the books as loaded from ${fileName}`;

/**
 * A no-state run that loaded the books and stopped before it recorded: its `recovery.accounts`
 * entry (with the time the fault was seen), the sync run after it, maybe its first checkpoint, and
 * no record of it. Returned as a state that finishes from verify; else null.
 */
export function unfinishedNoState(desk: DeskContext, now: () => Date, given: BrokerFile): NoState | null {
  const db = desk.store.db;
  const entry = db.prepare("SELECT seq, at, details FROM audit_log WHERE action = 'recovery.accounts' ORDER BY seq DESC LIMIT 1").get() as { seq: number; at: string; details: string } | undefined;
  if (!entry) return null;
  const made = JSON.parse(entry.details) as { playbook: string; detectedAt: string; file: string; accounts: Account[] };
  if (made.playbook !== 'no-state' || readRecoveryHistory(desk.paths.dir).some((r) => r.playbook === 'no-state' && r.detectedAt === made.detectedAt)) return null;
  const after = db.prepare("SELECT details FROM audit_log WHERE action = 'reconcile.run' AND seq > ? ORDER BY seq LIMIT 1").pluck().get(entry.seq) as string | undefined;
  const synced = after ? (JSON.parse(after) as { runId: string; strategy: string; file: string }) : null;
  if (!synced || synced.strategy !== 'sync' || synced.file !== made.file || !lastWork(desk, synced.runId)) return null;
  const sync = getReport(db, synced.runId);
  const snapshot = getSnapshot(db, sync.runId);
  const first = desk.checkpoints.list().find((c) => c.pinned && c.label === firstLabel(made.file));
  const s = booksState(desk, now, { ...given, fileName: made.file, content: '' }, `continuing an unfinished recovery (fault seen ${made.detectedAt}): the books were loaded by run ${sync.runId} from its snapshot`);
  return Object.assign(s, {
    resumed: true,
    detectedAt: made.detectedAt,
    startedAt: entry.at,
    snapshot,
    point: { at: snapshot.asOf ?? sync.createdAt, note: snapshot.asOf ? null : `the snapshot's time is not known: the run's ${sync.createdAt} stands for it` },
    sync,
    checkpointId: first?.checkpointId ?? null,
    rootAfter: desk.checkpoints.stateHash().rootHash,
    choices: {},
    accounts: made.accounts,
  });
}

const CODE = /^[A-Z0-9]{2,10}$/;

function choicesOf(input: PlaybookInput): AccountChoices {
  const baseCurrency = textOf(input, 'base-currency');
  if (baseCurrency !== undefined && !CODE.test(baseCurrency)) throw new LifeboatError('bad_request', `--base-currency takes a currency code such as USD or USDT, not "${baseCurrency}"`, 'base-currency');
  return { venue: textOf(input, 'venue'), kind: choiceOf(input, 'kind', ['equities', 'crypto'] as const), accountType: choiceOf(input, 'account-type', ['cash', 'margin'] as const), baseCurrency };
}

const playbook: Playbook<NoState> = {
  id: 'no-state',
  title: 'No state: a fresh desk from a broker snapshot',
  steps: [
    {
      id: 'confirm',
      says: 'Confirm the desk has no books (no strategy, position, order or cash balance)',
      auto: true,
      run(s) {
        if (!s.resumed) s.evidence = refuseBooks(s.desk);
      },
      check: (s) => (s.resumed ? s.evidence : `found: ${s.evidence}`),
    },
    readStep<NoState>(false, (s, snapshot) => void (s.accounts = accountsFor(snapshot, s.choices, s.now().toISOString()))),
    {
      id: 'load',
      says: "Create the file's accounts and load their books from the snapshot: positions, orders and cash (SYNC_TO_BROKER)",
      auto: false,
      run(s, ctx) {
        if (s.resumed) return;
        const { desk } = s;
        // Its own commit: the sync checks the accounts are on the desk before its own. A stop in
        // between leaves accounts without books, which a rerun carries on from.
        desk.commit('recovery.no-state accounts', () => {
          for (const a of s.accounts) desk.store.putAccount(a);
          appendAudit(desk.store.db, 'recovery.accounts', { playbook: 'no-state', detectedAt: s.detectedAt, file: s.file.fileName, accounts: s.accounts });
        });
        syncBooks(s, ctx, null);
      },
      check: (s) => `${s.resumed ? 'already done: ' : ''}${s.accounts.map((a) => `${a.accountId} (${a.broker}, ${a.kind}, ${a.accountType}, ${a.baseCurrency})`).join(', ')}; ${syncLine(s)}`,
    },
    verifyStep<NoState>(),
    checkpointStep<NoState>('Take the desk’s first checkpoint, pinned: the books as loaded', (s) => firstLabel(s.file.fileName), 'manual'),
    recheckStep<NoState>(),
    recordStep<NoState>('no-state', (s) => ({ accounts: s.accounts.map((a) => a.accountId) })),
  ],
};

export const noState: DeskPlaybook<NoState> = {
  id: 'no-state',
  title: playbook.title,
  purpose: 'A fresh desk with no books: create its accounts and load their books from a broker snapshot, then a first checkpoint and a reconciliation.',
  fields: FIELDS,
  prepare(desk: DeskContext, input: PlaybookInput, now: () => Date): NoState {
    refuseUnknown(input, FIELDS);
    const file = brokerFileOf(desk, input, { required: true, accountOnDesk: false })!;
    const choices = choicesOf(input);
    if (deskBooks(desk).rows > 0) {
      // Books there: perhaps loaded by a run of this playbook that stopped before it recorded.
      const unfinished = unfinishedNoState(desk, now, file);
      if (unfinished) return { ...unfinished, choices };
    }
    const evidence = refuseBooks(desk);
    return { ...booksState(desk, now, file, evidence), choices, accounts: [] };
  },
  playbook,
  summary: (s) =>
    s.record
      ? `A fresh desk loaded from ${s.file.fileName} (as of ${s.point!.at}): ${s.accounts.map((a) => a.accountId).join(', ')}; first checkpoint ${s.checkpointId} (pinned). Reconciliation ${s.recheck!.runId}: ${s.recheck!.summary.verdict}`
      : `Not finished: ${s.sync ? `the books were loaded by run ${s.sync.runId}` : 'no books were loaded'}.`,
  record: (s) => s.record,
};
