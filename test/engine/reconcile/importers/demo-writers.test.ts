// What `lifeboat demo` writes for each broker format reads back as the snapshot it was made from.
import { describe, expect, it } from 'vitest';
import { parseBrokerFile, writeLifeboatSnapshot } from '../../../../electron/engine/reconcile/importers';
import { writeAlpaca, writeCcxt, writeCsv, writeLifeboat } from '../../../../electron/engine/demo/broker-snapshots/writers';
import { writeIbkrFlex } from '../../../../electron/engine/demo/broker-snapshots/ibkr-writer';
import type { BrokerAccountSnapshot } from '../../../../shared/api/reconcile';

const accounts: BrokerAccountSnapshot[] = [
  {
    accountId: 'ACC-EQ',
    positions: [
      { at: '', symbol: 'AAPL', quantity: '100', avgPrice: '187.25' },
      { at: '', symbol: 'TSLA', quantity: '-15', avgPrice: '171.05' },
    ],
    orders: [{ at: '', brokerOrderId: 'B-1', clientOrderId: 'c-1', symbol: 'MSFT', side: 'buy', quantity: '25', filledQuantity: '5', limitPrice: '412.5', status: 'partially_filled' }],
    cash: [{ at: '', currency: 'USD', amount: '25310.75' }],
  },
  {
    accountId: 'ACC-CRYPTO',
    positions: [{ at: '', symbol: 'BTC/USDT', quantity: '0.123456789012345678', avgPrice: null }],
    orders: [],
    cash: [
      { at: '', currency: 'USDT', amount: '-125.75' },
      { at: '', currency: 'BTC', amount: '0' },
    ],
  },
];

const withoutAt = (list: BrokerAccountSnapshot[]) => JSON.parse(JSON.stringify(list, (k, v) => (k === 'at' ? undefined : v)));

describe('the demo writers and the importers agree', () => {
  it('CCXT', () => {
    const s = parseBrokerFile({ fileName: 'demo-ccxt.json', text: writeCcxt(accounts, 1710509400000) });
    expect(s.asOf).toBe('2024-03-15T13:30:00.000Z');
    expect(withoutAt(s.accounts)).toEqual(withoutAt(accounts));
  });

  it('Alpaca', () => {
    const s = parseBrokerFile({ fileName: 'demo-alpaca.json', text: writeAlpaca(accounts[0], 'USD') });
    expect(withoutAt(s.accounts)).toEqual(withoutAt([accounts[0]]));
  });

  it('CSV with its mapping', () => {
    const { csv, mapping } = writeCsv(accounts);
    const s = parseBrokerFile({ fileName: 'demo.csv', text: csv, mapping: JSON.parse(mapping).columns });
    const spelled = withoutAt(accounts);
    spelled[1].positions[0].symbol = 'BTC-USDT'; // the CSV spells crypto BASE-QUOTE; symbol mappings translate it
    expect(withoutAt(s.accounts)).toEqual(spelled);
  });

  it('IBKR Flex: positions (an option in contracts with its multiplier) and cash; orders are not reported', () => {
    const withOption = structuredClone(accounts);
    withOption[0].positions!.push({ at: '', symbol: 'AAPL  240419C00180000', quantity: '-2', avgPrice: '5.3025', contracts: { assetClass: 'OPT', multiplier: '100', multiplierUnit: null } });
    const text = writeIbkrFlex(withOption, '2024-03-15T13:30:00.000Z', () => 'USD');
    expect(text).toContain('whenGenerated="20240315;093000"'); // New York time, as IBKR writes it
    const s = parseBrokerFile({ fileName: 'demo-ibkr-flex.xml', text });
    expect(s.asOf).toBe('2024-03-15T13:30:00.000Z');
    expect(withoutAt(s.accounts)).toEqual(withoutAt(withOption.map((a) => ({ ...a, orders: null }))));
  });

  it('Lifeboat, and writeLifeboatSnapshot writes the same bytes as the demo', () => {
    const text = writeLifeboat(accounts, '2024-03-15T13:30:00.000Z');
    const s = parseBrokerFile({ fileName: 'demo-lifeboat.json', text });
    expect(withoutAt(s.accounts)).toEqual(withoutAt(accounts));
    expect(writeLifeboatSnapshot(s)).toBe(text);
  });
});
