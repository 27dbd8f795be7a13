// Generic CSV with a column mapping: BOM, CRLF, quoted fields, kinds, coverage and refusals.
import { describe, expect, it } from 'vitest';
import { parseBrokerFile } from '../../../../electron/engine/reconcile/importers';
import type { CsvMapping } from '../../../../shared/api/reconcile';
import { csvMapping, parseFixture, refusal } from './helpers';

const csv = (text: string, mapping?: CsvMapping, accountId = 'ACC-EQ') => ({ fileName: 'p.csv', text, mapping, accountId });

describe('CSV import', () => {
  it('reads a BOM + CRLF export with quoted commas, doubled quotes and a multi-line note', () => {
    const s = parseFixture('positions.csv', { mapping: csvMapping() });
    expect(s).toMatchObject({ format: 'csv', asOf: null });
    expect(s.accounts.map((a) => a.accountId)).toEqual(['IBKR-U1234567', 'IBKR-U7654321']);
    const [main, other] = s.accounts;
    expect(main.positions!.map((p) => [p.at, p.symbol, p.quantity, p.avgPrice])).toEqual([
      ['line 2', 'AAPL', '100', '187.25'],
      ['line 3', 'BRK B', '3', '412.5'],
      ['line 4', 'TSLA', '-15', '171.05'], // side SHORT
    ]);
    expect(main.orders!.map((o) => [o.at, o.brokerOrderId, o.clientOrderId, o.symbol, o.side, o.quantity, o.filledQuantity, o.limitPrice, o.status])).toEqual([
      ['line 5', '9001', 'mr-1001', 'MSFT', 'buy', '25', '0', '412.5', 'open'], // IBKR "Submitted"
      ['line 6', '9002', null, 'NVDA', 'sell', '10', '4', '950', 'partially_filled'], // "PartiallyFilled"
    ]);
    // The note on line 6 spans two physical lines, so the cash rows start on lines 8 and 9.
    expect(main.cash).toEqual([
      { at: 'line 8', currency: 'USD', amount: '25310.75' },
      { at: 'line 9', currency: 'EUR', amount: '-120.5' },
    ]);
    // Kinds are file-wide: this account has no order rows, so it has no open orders.
    expect(other).toMatchObject({ positions: [{ at: 'line 11', symbol: 'SPY' }], orders: [], cash: [{ currency: 'USD', amount: '0' }] });
  });

  it('without a kind column every row is a position, and only positions are reported', () => {
    const s = parseBrokerFile(csv('symbol,qty,avg_price\nAAPL,10,187.25\n'));
    expect(s.accounts).toEqual([{ accountId: 'ACC-EQ', positions: [{ at: 'line 2', symbol: 'AAPL', quantity: '10', avgPrice: '187.25' }], orders: null, cash: null }]);
  });

  it('a header with no rows reports the account flat', () => {
    const s = parseBrokerFile(csv('Symbol,Quantity\r\n', { symbol: 'Symbol', quantity: 'Quantity' }));
    expect(s.accounts).toEqual([{ accountId: 'ACC-EQ', positions: [], orders: null, cash: null }]);
  });

  it('maps by column number, with or without a header line', () => {
    const mapping = { symbol: '2', quantity: '3', avgPrice: '4' };
    const withHeader = parseBrokerFile(csv('x;Sym;Qty;Px\r\n1;AAPL;10;187.25\r\n', mapping));
    const without = parseBrokerFile(csv('1;AAPL;10;187.25\r\n2;MSFT;5;412.5\r\n', mapping));
    expect(withHeader.accounts[0].positions!.map((p) => [p.at, p.symbol])).toEqual([['line 2', 'AAPL']]);
    expect(without.accounts[0].positions!.map((p) => [p.at, p.symbol])).toEqual([['line 1', 'AAPL'], ['line 2', 'MSFT']]);
  });

  it('sniffs ; and tab delimiters, or takes the mapping\'s', () => {
    const m = { symbol: 'S', quantity: 'Q' };
    expect(parseBrokerFile(csv('S\tQ\nAAPL\t1\n', m)).accounts[0].positions![0].symbol).toBe('AAPL');
    expect(parseBrokerFile(csv('S;Q\n"A;B";1\n', m)).accounts[0].positions![0].symbol).toBe('A;B');
    const own = parseBrokerFile(csv('S,Q;x\nA,B;1\n', { symbol: 'S,Q', quantity: 'x', delimiter: ';' }));
    expect(own.accounts[0].positions![0]).toMatchObject({ symbol: 'A,B', quantity: '1' });
  });

  it('names the account from the row, the mapping default, or --account', () => {
    const text = 'acct,sym,qty\nA1,AAPL,1\n,MSFT,2\n';
    const m = { account: 'acct', symbol: 'sym', quantity: 'qty' };
    expect(parseBrokerFile(csv(text, { ...m, defaultAccount: 'DEF' })).accounts.map((a) => a.accountId)).toEqual(['A1', 'DEF']);
    expect(parseBrokerFile(csv(text, m, 'CLI')).accounts.map((a) => a.accountId)).toEqual(['A1', 'CLI']);
    const err = refusal({ fileName: 'p.csv', text: 'sym,qty\nAAPL,1\n', mapping: { symbol: 'sym', quantity: 'qty' } });
    expect(err.reason).toContain('--account on the command line');
  });

  it('notes a repeated client order id instead of refusing the file; a repeated order id is refused', () => {
    const text = 'kind,symbol,qty,side,order_id,client_order_id\norder,AAPL,1,buy,9001,0\norder,MSFT,2,sell,9002,0\norder,NVDA,3,buy,9003,0\n';
    const s = parseBrokerFile(csv(text));
    expect(s.accounts[0].orders!.map((o) => o.clientOrderId)).toEqual(['0', '0', '0']);
    expect(s.notes).toEqual([expect.stringMatching(/^ACC-EQ: the broker repeats client order id "0" \(3 orders\)/)]);
    expect(refusal(csv(text.replace('9002', '9001'))).reason).toBe('orderId (column 5 "order_id"): order id "9001" of account ACC-EQ appears twice (lines 2 and 3)');
  });

  it.each([
    ['symbol,qty\nAAPL,1\nAAPL,2\n', undefined, 'p.csv:3', 'symbol (column 1 "symbol"): AAPL of account ACC-EQ appears twice (lines 2 and 3)'],
    ['symbol,qty\nAAPL,-1\n', { symbol: 'symbol', quantity: 'qty', side: 'qty' }, 'p.csv:2', 'side (column 2 "qty"): expected one of long, short, got "-1"'],
    ['kind,symbol,qty,side,order_id\norder,AAPL,0,buy,1\n', undefined, 'p.csv:2', 'quantity (column 3 "qty"): "0" must be greater than zero'],
    ['kind,symbol,qty,side\norder,AAPL,1,buy\n', undefined, 'p.csv:2', 'orderId: an order row needs a column for orderId, but the mapping has none'],
    ['kind,symbol,qty\norder,AAPL,1\norder,MSFT,1\n', undefined, 'p.csv:2', 'side: an order row needs a column for side, but the mapping has none'],
    ['kind,currency,amount\ncash,USD,\n', undefined, 'p.csv:2', 'amount (column 3 "amount"): required for a cash row but empty'],
    ['kind,currency,amount\ncash,USD,1\ncash,usd,2\n', undefined, 'p.csv:3', 'currency (column 2 "currency"): USD of account ACC-EQ appears twice (lines 2 and 3)'],
    ['symbol,qty\n"AAPL"x,1\n', undefined, 'p.csv:2', 'field 1 has "x" after its closing quote'],
    ['symbol,qty\r\n"AAPL\r\n,1\r\n', undefined, 'p.csv:2', 'a quoted field is never closed'],
    ['', undefined, 'p.csv', 'the file is empty'],
  ])('refuses %j', (text, mapping, where, message) => {
    const err = refusal(csv(text, mapping as CsvMapping | undefined));
    expect(err.where).toBe(where);
    expect(err.reason).toContain(message);
  });

  it('refuses a mapping with an unknown field or a non-column value', () => {
    expect(refusal(csv('a,b\n1,2\n', { symbol: 'a', qty: 'b' } as CsvMapping)).reason).toContain('unknown mapping field "qty"');
    expect(refusal(csv('a,b\n1,2\n', { symbol: 'a', quantity: 2 } as unknown as CsvMapping)).reason).toContain('mapping.quantity must be a column name');
    expect(refusal(csv('a,b\n1,2\n', { symbol: 'a', quantity: '7' })).reason).toBe('mapping.quantity: column 7, but line 1 has only 2 columns');
    expect(refusal(csv('a,b,a\n1,2,3\n', { symbol: 'a', quantity: 'b' })).reason).toBe('mapping.symbol: "a" names columns 1 and 3; map it by number');
  });
});
