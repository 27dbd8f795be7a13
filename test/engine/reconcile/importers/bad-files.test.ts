// Every bad broker file is refused with bad_request naming the file, the line (and for JSON the
// column and path) and the field, and nothing comes back.
import { describe, expect, it } from 'vitest';
import type { CsvMapping } from '../../../../shared/api/reconcile';
import { fixtureRefusal } from './helpers';

const PRICE_MAPPING: CsvMapping = { symbol: 'Symbol', quantity: 'Qty', avgPrice: 'Price' };

describe('bad broker files', () => {
  it.each([
    ['bad/truncated-ccxt.json', 'bad/truncated-ccxt.json:13:10', /^not valid JSON: .*reached end of input \(is the file truncated\?\)$/],
    ['bad/ccxt-exponent.json', 'bad/ccxt-exponent.json:5:48', /^fetchPositions\[1\]\.contracts: "0\.0000000000000000000000001" has more than 18 decimal places \(written 1e-25\)/],
    ['bad/ccxt-nan.json', 'bad/ccxt-nan.json:4:84', /^not valid JSON: "entryPrice": NaN is not a number/],
    ['bad/ccxt-unknown-currency.json', 'bad/ccxt-unknown-currency.json:6:14', /^fetchBalance\.total\.XYZ: unknown currency "XYZ"/],
    ['bad/alpaca-thousands.json', 'bad/alpaca-thousands.json:6:57', /^positions\[1\]\.avg_entry_price: "1,234\.50" contains a comma/],
    ['bad/alpaca-nan.json', 'bad/alpaca-nan.json:4:32', /^positions\[0\]\.qty: "NaN" is not a number/],
    ['bad/alpaca-duplicate-symbol.json', 'bad/alpaca-duplicate-symbol.json:5:17', /^positions\[1\]\.symbol: AAPL appears twice \(first at positions\[0\]\.symbol\)/],
    ['bad/lifeboat-unknown-currency.json', 'bad/lifeboat-unknown-currency.json:6:124', /^accounts\[0\]\.cash\[1\]\.currency: unknown currency "XYZ"/],
    ['bad/ibkr-truncated.xml', 'bad/ibkr-truncated.xml:12:58', /^not valid XML: .* \(is the file truncated\?\)$/],
    ['bad/ibkr-exponent.xml', 'bad/ibkr-exponent.xml:7:109', /^FlexStatement\[ACC-EQ\]\/OpenPositions\/OpenPosition\[2\]\/@position: "1e-7" uses an exponent/],
    ['bad/csv-missing-column.csv', 'bad/csv-missing-column.csv:1', /^mapping\.symbol: no column "Symbol" in the header \(it has "Ticker", "Qty", "Price"\)$/],
    ['bad/csv-duplicate-symbol.csv', 'bad/csv-duplicate-symbol.csv:4', /^symbol \(column 1 "Symbol"\): AAPL of account ACC-EQ appears twice \(lines 2 and 4\)$/],
    ['bad/csv-duplicate-order.csv', 'bad/csv-duplicate-order.csv:4', /^orderId \(column 2 "Order ID"\): order id "9001" of account ACC-EQ appears twice \(lines 2 and 4\)$/],
    ['bad/csv-exponent.csv', 'bad/csv-exponent.csv:3', /^quantity \(column 2 "Qty"\): "1e-7" uses an exponent/],
    ['bad/csv-thousands.csv', 'bad/csv-thousands.csv:2', /^avgPrice \(column 3 "Avg Price"\): "1,234\.50" contains a comma/],
    ['bad/csv-unquoted-comma.csv', 'bad/csv-unquoted-comma.csv:3', /^row: has 4 fields but the header has 3 \(a "," inside an unquoted value, like 1,234\.50\?\)$/],
    ['bad/csv-nan.csv', 'bad/csv-nan.csv:2', /^quantity \(column 2 "Qty"\): "NaN" is not a number$/],
    ['bad/csv-unknown-currency.csv', 'bad/csv-unknown-currency.csv:3', /^currency \(column 4 "Currency"\): unknown currency "XYZ"/],
    ['bad/csv-unknown-kind.csv', 'bad/csv-unknown-kind.csv:3', /^kind \(column 1 "Kind"\): expected one of position, .*; got "future"$/],
    ['bad/csv-unclosed-quote.csv', 'bad/csv-unclosed-quote.csv:3', /^a quoted field is never closed \(is the file truncated\?\)$/],
  ])('%s is refused at %s', (name, where, reason) => {
    const err = fixtureRefusal(name, { accountId: 'ACC-EQ', mapping: name.includes('missing-column') ? PRICE_MAPPING : undefined });
    expect(err.where).toBe(where);
    expect(err.reason).toMatch(reason);
    expect(err.message).toBe(`${where}: ${err.reason}`);
  });
});
