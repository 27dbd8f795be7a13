// The accounts a CSV's rows add up to. Duplicates (symbol, order id, currency) are refused naming both lines. Coverage is
// file-wide: a kind of row that appears anywhere in the file is reported for every account in
// it (an account without such rows has none), and a kind that never appears is "not reported".
// Without a kind column every row is a position, so positions are reported and nothing else.
import type { BrokerAccountSnapshot, BrokerCash, BrokerOrder, BrokerPosition } from '../../../../shared/api/reconcile';
import type { CsvCells } from './csv-cells';
import type { CsvKind } from './csv-kinds';
import { FirstSeen } from './duplicates';

interface AccountRows {
  accountId: string;
  positions: BrokerPosition[];
  orders: BrokerOrder[];
  cash: BrokerCash[];
  symbols: FirstSeen<number>;
  orderIds: FirstSeen<number>;
  currencies: FirstSeen<number>;
}

export class CsvBook {
  private readonly accounts = new Map<string, AccountRows>();
  private readonly kinds = new Set<CsvKind>();

  constructor(private readonly hasKindColumn: boolean) {}

  /** The account, listed from its first row on (so an account with only a bad row still shows). */
  account(accountId: string): AccountRows {
    let rows = this.accounts.get(accountId);
    if (!rows) {
      rows = { accountId, positions: [], orders: [], cash: [], symbols: new FirstSeen(), orderIds: new FirstSeen(), currencies: new FirstSeen() };
      this.accounts.set(accountId, rows);
    }
    return rows;
  }

  sawKind(kind: CsvKind): void {
    this.kinds.add(kind);
  }

  addPosition(c: CsvCells, a: AccountRows, p: BrokerPosition): void {
    const first = a.symbols.check(p.symbol, c.rec.line);
    if (first !== undefined) c.fail('symbol', `${p.symbol} of account ${a.accountId} appears twice (lines ${first} and ${c.rec.line})`);
    else a.positions.push(p);
  }

  /** An order id may appear once per account; a repeated client order id is noted, not refused (duplicates.ts). */
  addOrder(c: CsvCells, a: AccountRows, o: BrokerOrder): void {
    const first = o.brokerOrderId === null ? undefined : a.orderIds.check(o.brokerOrderId, c.rec.line);
    if (first !== undefined) return void c.fail('orderId', `order id ${JSON.stringify(o.brokerOrderId)} of account ${a.accountId} appears twice (lines ${first} and ${c.rec.line})`);
    a.orders.push(o);
  }

  addCash(c: CsvCells, a: AccountRows, cash: BrokerCash): void {
    const first = a.currencies.check(cash.currency, c.rec.line);
    if (first !== undefined) c.fail('currency', `${cash.currency} of account ${a.accountId} appears twice (lines ${first} and ${c.rec.line})`);
    else a.cash.push(cash);
  }

  accountsSnapshot(): BrokerAccountSnapshot[] {
    const reported = (kind: CsvKind) => (this.hasKindColumn ? this.kinds.has(kind) : kind === 'position');
    return [...this.accounts.values()].map((a) => ({
      accountId: a.accountId,
      positions: reported('position') ? a.positions : null,
      orders: reported('order') ? a.orders : null,
      cash: reported('cash') ? a.cash : null,
    }));
  }
}
