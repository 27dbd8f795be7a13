// IBKR Flex Query XML (an Activity Flex Query's statement), one or more accounts:
//   <FlexQueryResponse queryName type> <FlexStatements count>
//     <FlexStatement accountId fromDate toDate whenGenerated>
//       <OpenPositions> <OpenPosition symbol position side costBasisPrice multiplier assetCategory …/> </OpenPositions>
//       <CashReport> <CashReportCurrency currency endingCash …/> </CashReport>
//       <Trades>…</Trades> <CashTransactions>…</CashTransactions>   (context: counted, not compared)
// A section the query did not include is not reported (null); present and empty reports none.
// Flex statements list executions, never working orders: orders are not reported.
import type { BrokerAccountSnapshot, BrokerSnapshot } from '../../../../shared/api/reconcile';
import { LifeboatError } from '../../../../shared/result';
import { FirstSeen } from './duplicates';
import { readCashReport, readOpenPositions } from './ibkr-items';
import { FLEX_TIME_FORMATS, flexTimeToIso } from './ibkr-time';
import { XmlFieldReader, type Located } from './xml-reader';
import type { XmlSource } from './xml-source';

export const IBKR_ROOT = 'FlexQueryResponse';
export const IBKR_SECTIONS = ['OpenPositions', 'CashReport'] as const;
/** Sections read for what they say about the period, not compared. */
const CONTEXT_SECTIONS = [
  ['Trades', 'trade'],
  ['CashTransactions', 'cash transaction'],
] as const;

export const IBKR_ORDERS_NOTE =
  'An IBKR Flex statement lists executions, not working orders: orders are not reported by this file, so open orders are not compared.';

export function readIbkrSnapshot(src: XmlSource): BrokerSnapshot {
  const root = src.root;
  if (root.name === 'FlexStatementResponse') {
    const message = /<ErrorMessage>([^<]*)<\/ErrorMessage>/.exec(src.text)?.[1]?.trim();
    const said = message ? ` (it says ${JSON.stringify(message)})` : '';
    throw new LifeboatError('bad_request', `the Flex Web Service's reply to a request${said}, not a statement: fetch the statement itself and reconcile that`, src.whereAt(root.start));
  }
  if (root.name !== IBKR_ROOT) throw new LifeboatError('bad_request', `an XML document whose root is <${root.name}>, not an IBKR Flex statement (<${IBKR_ROOT}>)`, src.whereAt(root.start));
  const r = new XmlFieldReader(src);
  const top: Located = { el: root, path: IBKR_ROOT };
  const wrapper = r.section(top, 'FlexStatements');
  if (wrapper) wrapper.path = 'FlexStatements';
  if (!wrapper) r.fail(top, null, 'has no FlexStatements (an empty or failed Flex query?)');
  const statements = wrapper ? r.children(wrapper, 'FlexStatement').map((st, i) => ({ ...st, path: `FlexStatement[${i + 1}]` })) : [];
  const count = wrapper ? r.optional(wrapper, 'count') : null;
  if (wrapper && count !== null && count.trim() !== String(statements.length)) {
    r.fail(wrapper, 'count', `says ${count} statements but the file holds ${statements.length} (is the file cut short?)`);
  }
  if (wrapper && statements.length === 0) r.fail(wrapper, null, 'names no account (no FlexStatement)');

  const notes: string[] = [IBKR_ORDERS_NOTE];
  const seenAccounts = new FirstSeen<number>();
  const accounts: BrokerAccountSnapshot[] = [];
  let asOf: string | null = null;
  for (const st of statements) {
    const accountId = r.text(st, 'accountId', r.required(st, 'accountId'));
    if (!accountId) continue;
    const first = seenAccounts.check(accountId, src.lineAt(st.el.start));
    if (first !== undefined) {
      r.fail(st, 'accountId', `account ${accountId} has two statements (first on line ${first})`);
      continue;
    }
    const label: Located = { el: st.el, path: `FlexStatement[${accountId}]` };
    accounts.push(readStatement(r, label, accountId, notes));
    asOf ??= generatedAt(r, label, notes);
  }
  r.throwIfAny();
  return { format: 'ibkr-flex', fileName: src.fileName, asOf, accounts, notes };
}

function readStatement(r: XmlFieldReader, st: Located, accountId: string, notes: string[]): BrokerAccountSnapshot {
  const positionsSection = r.section(st, 'OpenPositions');
  const cashSection = r.section(st, 'CashReport');
  if (!positionsSection && !cashSection) r.fail(st, null, `reports nothing to compare: add ${IBKR_SECTIONS.join(' or ')} to the Flex query`);
  const read = positionsSection ? readOpenPositions(r, positionsSection, accountId) : null;
  if (read?.forexRows) {
    notes.push(`${accountId}: ${read.forexRows} forex row${read.forexRows === 1 ? '' : 's'} (asset class CASH) in OpenPositions ${read.forexRows === 1 ? 'is' : 'are'} not compared as positions; cash is compared from the CashReport.`);
  }
  const context = CONTEXT_SECTIONS.flatMap(([name, what]) => {
    const n = r.section(st, name)?.el.children.length ?? 0;
    return n ? [`${n} ${what}${n === 1 ? '' : 's'}`] : [];
  });
  if (context.length) {
    const from = r.optional(st, 'fromDate');
    const to = r.optional(st, 'toDate');
    const period = from && to ? ` for ${from} to ${to}` : '';
    notes.push(`${accountId}: the statement's ${context.join(' and ')}${period} ${context.length === 1 && context[0].startsWith('1 ') ? 'is' : 'are'} context, not compared.`);
  }
  return {
    accountId,
    positions: read ? read.positions : null,
    orders: null,
    cash: cashSection ? readCashReport(r, cashSection, accountId) : null,
  };
}

/** When the statement was generated (whenGenerated, US Eastern), or null with a note when it cannot be read. */
function generatedAt(r: XmlFieldReader, st: Located, notes: string[]): string | null {
  const when = r.optional(st, 'whenGenerated');
  if (when === null) return null;
  const iso = flexTimeToIso(when);
  if (iso === null) notes.push(`whenGenerated ${JSON.stringify(when)} is not in a date format Lifeboat reads without guessing (${FLEX_TIME_FORMATS}); the statement's time is not shown.`);
  return iso;
}
