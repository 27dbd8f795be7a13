// Rows of an IBKR Flex statement: OpenPosition (positions) and CashReportCurrency (cash). Flex
// rows carry dozens more attributes (description, conid, fxRateToBase, …); only the ones
// reconciliation needs are read, the rest are left alone.
import type { BrokerCash, BrokerPosition, ContractTerms } from '../../../../shared/api/reconcile';
import { FirstSeen } from './duplicates';
import { signedQuantity } from './quantities';
import type { Located, XmlFieldReader } from './xml-reader';

/** Flex asset classes whose quantity counts contracts of `multiplier` units of the underlying. */
const CONTRACT_CLASSES = new Set(['OPT', 'FUT', 'FOP', 'FSFOP', 'FSOPT', 'WAR', 'IOPT']);

export interface PositionsRead {
  positions: BrokerPosition[];
  /** Forex rows (asset class CASH): currency balances, compared from the CashReport instead. */
  forexRows: number;
}

/**
 * The positions of an OpenPositions section. With levelOfDetail, the SUMMARY rows are the positions
 * and the LOT rows their detail; a section of lots alone is refused (its summary is what is compared).
 */
export function readOpenPositions(r: XmlFieldReader, section: Located, accountId: string): PositionsRead {
  const rows = r.children(section, 'OpenPosition');
  const detail = (row: Located) => r.optional(row, 'levelOfDetail')?.toUpperCase() ?? null;
  const hasSummary = rows.some((row) => detail(row) === 'SUMMARY');
  const out: PositionsRead = { positions: [], forexRows: 0 };
  const seen = new FirstSeen<number>();
  for (const row of rows) {
    const level = detail(row);
    if (level === 'LOT') {
      if (hasSummary) continue;
      r.fail(row, 'levelOfDetail', 'the OpenPositions section lists lots only; set Open Positions to "Summary" in the Flex query (the summary is what is compared)');
      continue;
    }
    if (level !== null && level !== 'SUMMARY') {
      r.fail(row, 'levelOfDetail', `unknown level of detail ${JSON.stringify(level)} (expected SUMMARY or LOT)`);
      continue;
    }
    if (!sameAccount(r, row, accountId)) continue;
    const assetClass = r.text(row, 'assetCategory', r.optional(row, 'assetCategory'))?.toUpperCase() ?? null;
    if (assetClass === 'CASH') {
      out.forexRows++;
      continue;
    }
    const p = readPosition(r, row, assetClass);
    if (!p) continue;
    const first = seen.check(p.symbol, r.src.lineAt(row.el.start));
    if (first !== undefined) {
      r.fail(row, 'symbol', `${p.symbol} appears twice (first on line ${first}); Lifeboat reconciles one position per symbol and account`);
      continue;
    }
    out.positions.push(p);
  }
  return out;
}

/** quantity = position (signed once with side), avgPrice = costBasisPrice, contracts for derivatives. */
function readPosition(r: XmlFieldReader, row: Located, assetClass: string | null): BrokerPosition | undefined {
  const symbol = r.text(row, 'symbol', r.required(row, 'symbol'));
  const position = r.decimal(row, 'position', r.required(row, 'position'));
  const sideText = r.optional(row, 'side');
  const side = sideText === null ? null : (['long', 'short'] as const).find((s) => s === sideText.trim().toLowerCase());
  if (side === undefined) r.fail(row, 'side', `expected Long or Short, got ${JSON.stringify(sideText)}`);
  const multiplierText = r.optional(row, 'multiplier');
  const multiplier = multiplierText === null ? '1' : r.decimal(row, 'multiplier', multiplierText, { positive: true });
  const avgPrice = r.optional(row, 'costBasisPrice') === null ? null : r.decimal(row, 'costBasisPrice', r.optional(row, 'costBasisPrice'), { positive: true });
  const currency = r.optional(row, 'currency');
  if (currency !== null) r.currency(row, 'currency', currency);
  if (!symbol || position === undefined || side === undefined || multiplier === undefined || avgPrice === undefined) return undefined;
  const signed = signedQuantity(position, side);
  if (signed.problem !== undefined) return r.fail(row, 'position', signed.problem);
  const p: BrokerPosition = { at: `line ${r.src.lineAt(row.el.start)}`, symbol, quantity: signed.value, avgPrice };
  if (multiplier !== '1' || (assetClass !== null && CONTRACT_CLASSES.has(assetClass))) {
    const contracts: ContractTerms = { assetClass, multiplier, multiplierUnit: null };
    p.contracts = contracts;
  }
  return p;
}

/** Cash = endingCash per CashReportCurrency; the BASE_SUMMARY row (all currencies in the base one) is skipped. */
export function readCashReport(r: XmlFieldReader, section: Located, accountId: string): BrokerCash[] {
  const out: BrokerCash[] = [];
  const seen = new FirstSeen<number>();
  for (const row of r.children(section, 'CashReportCurrency')) {
    const code = r.required(row, 'currency');
    if (code?.trim().toUpperCase() === 'BASE_SUMMARY') continue;
    if (!sameAccount(r, row, accountId)) continue;
    const currency = r.currency(row, 'currency', code);
    const amount = r.decimal(row, 'endingCash', r.required(row, 'endingCash'));
    if (!currency || amount === undefined) continue;
    const first = seen.check(currency, r.src.lineAt(row.el.start));
    if (first !== undefined) {
      r.fail(row, 'currency', `currency ${currency} appears twice (first on line ${first})`);
      continue;
    }
    out.push({ at: `line ${r.src.lineAt(row.el.start)}`, currency, amount });
  }
  return out;
}

/** A row that names an account must name its statement's. */
function sameAccount(r: XmlFieldReader, row: Located, accountId: string): boolean {
  const own = r.optional(row, 'accountId');
  if (own === null || own.trim() === accountId) return true;
  r.fail(row, 'accountId', `the row is for account ${JSON.stringify(own)} inside the statement of ${accountId} (a consolidated statement? run the Flex query per account)`);
  return false;
}
