// Large files parse in one pass with progress along the way: 20 MB of CSV and 10 MB of JSON, to keep
// the suite quick (100 MB timings are in the importers' README). No timing assertions.
import { describe, expect, it } from 'vitest';
import { parseBrokerFile } from '../../../../electron/engine/reconcile/importers';

const MB = 1024 * 1024;

/** A broker CSV export of about `bytes`: BOM, CRLF, quoted notes, 20 accounts, every tenth row an order. */
function bigCsv(bytes: number): { text: string; positions: number; orders: number } {
  const parts = ['\uFEFFaccount,kind,symbol,note,quantity,avg_price,side,order_id,filled,limit_price,status,currency,amount\r\n'];
  let size = 0;
  let positions = 0;
  let orders = 0;
  for (let i = 0; size < bytes; i++) {
    const account = `ACC-${i % 20}`;
    const row =
      i % 10 === 9
        ? `${account},order,SYM${i},"limit, day",${(i % 997) + 1}.5,,buy,O-${i},0,${(i % 89) + 1}.0${i % 10}1,open,,\r\n`
        : `${account},position,SYM${i},"core, long-term",${i % 3 ? '' : '-'}${(i % 4999) + 1}.${i % 1000}1,${(i % 733) + 1}.${i % 97}5,,,,,,,\r\n`;
    if (i % 10 === 9) orders++;
    else positions++;
    parts.push(row);
    size += row.length;
  }
  for (let k = 0; k < 20; k++) parts.push(`ACC-${k},cash,,,,,,,,,,USD,${k + 1}0000.25\r\n`);
  return { text: parts.join(''), positions, orders };
}

/** A CCXT fetchPositions file of about `bytes`. */
function bigCcxt(bytes: number): { text: string; positions: number } {
  const parts = ['{"account":"big","timestamp":1710509400250,"fetchPositions":['];
  let size = 0;
  let positions = 0;
  for (let i = 0; size < bytes; i++) {
    const item = `${i ? ',' : ''}\n{"symbol":"S${i}/USDT:USDT","contracts":${(i % 991) + 1}.${i % 100}7,"contractSize":1,"side":"${i % 2 ? 'long' : 'short'}","entryPrice":${(i % 50000) + 1}.12345678,"info":{"positionAmt":"${i}"}}`;
    parts.push(item);
    size += item.length;
    positions++;
  }
  parts.push(']}');
  return { text: parts.join(''), positions };
}

describe('large broker files', () => {
  it('a 20 MB CSV parses with progress rising to 1', () => {
    const { text, positions, orders } = bigCsv(20 * MB);
    const progress: number[] = [];
    const s = parseBrokerFile({ fileName: 'big.csv', text, onProgress: (f) => progress.push(f) });
    expect(s.accounts).toHaveLength(20);
    expect(s.accounts.reduce((n, a) => n + a.positions!.length, 0)).toBe(positions);
    expect(s.accounts.reduce((n, a) => n + a.orders!.length, 0)).toBe(orders);
    expect(s.accounts[3].cash).toEqual([{ at: expect.stringMatching(/^line \d+$/), currency: 'USD', amount: '40000.25' }]);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
  });

  it('a 10 MB CCXT file parses exactly', () => {
    const { text, positions } = bigCcxt(10 * MB);
    const progress: number[] = [];
    const s = parseBrokerFile({ fileName: 'big.json', text, onProgress: (f) => progress.push(f) });
    const list = s.accounts[0].positions!;
    expect(list).toHaveLength(positions);
    expect(list[0]).toEqual({ at: 'fetchPositions[0]', symbol: 'S0/USDT:USDT', quantity: '-1.07', avgPrice: '1.12345678' });
    expect(list[101]).toMatchObject({ quantity: '102.17', avgPrice: '102.12345678' });
    expect(progress.slice(0, 2)).toEqual([0, 0.6]); // the lossless parse itself cannot report
    expect(progress.length).toBeGreaterThan(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
  });
});
