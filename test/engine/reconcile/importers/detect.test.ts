// Which format a file is: by content first, by extension second; a wrong file is refused
// saying what each format needs.
import { describe, expect, it } from 'vitest';
import { describeCoverage, detectBrokerFormat, parseBrokerFile } from '../../../../electron/engine/reconcile/importers';
import { fixture, fixtureRefusal, refusal } from './helpers';

describe('detectBrokerFormat', () => {
  it.each([
    ['ccxt-binance.json', 'ccxt'],
    ['ccxt-accounts.json', 'ccxt'],
    ['alpaca.json', 'alpaca'],
    ['positions.csv', 'csv'],
    ['lifeboat.json', 'lifeboat'],
    ['bad/truncated-ccxt.json', 'ccxt'], // what is readable of it says CCXT; the parse then says where it breaks
    ['ibkr-flex.xml', 'ibkr-flex'],
  ])('%s is %s', (name, format) => {
    expect(detectBrokerFormat(name, fixture(name)).format).toBe(format);
  });

  it('goes by content before the file name', () => {
    expect(detectBrokerFormat('export.csv', fixture('alpaca.json')).format).toBe('alpaca');
    expect(detectBrokerFormat('export.json', 'symbol,quantity\nAAPL,1\n').format).toBe('csv');
    expect(detectBrokerFormat('export.csv', 'AAPL').format).toBe('csv');
  });

  it.each([
    ['bad/wrong-format.json', /^a bot's state file \(it has strategy_name, pending_orders, cash_balance\); import it with "lifeboat state import"/],
    ['bad/other-shape.json', /^not a broker snapshot: it has holdings, balance \(CCXT needs fetchBalance, fetchPositions, fetchOpenOrders .*Alpaca needs account, positions, orders; IBKR Flex needs an XML <FlexQueryResponse>; Lifeboat needs "format": "lifeboat-broker-snapshot"/],
    ['bad/wrong-format.txt', /^neither JSON, XML nor CSV: it starts with "Lifeboat cannot read"/],
  ])('refuses %s, naming what each format needs', (name, reason) => {
    expect(detectBrokerFormat(name, fixture(name))).toMatchObject({ format: null, reason: expect.stringMatching(reason) });
    const err = fixtureRefusal(name);
    expect(err.where).toBe(name);
    expect(err.reason).toMatch(reason);
  });

  it('refuses a bare array and a binary file', () => {
    expect(detectBrokerFormat('p.json', '[{"symbol": "AAPL"}]').reason).toMatch(/^the top level is an array and its items are neither ccxt positions nor ccxt orders; wrap it in an object/);
    expect(detectBrokerFormat('p.bin', 'PK\u0003\u0004\u0000\u0000').reason).toMatch(/^a binary file/);
  });

  it('refuses a file given as the wrong format', () => {
    const err = refusal({ fileName: 'a.json', text: fixture('alpaca.json'), format: 'ccxt' });
    expect(err.reason).toBe('the file is an Alpaca snapshot (has account, positions, orders), not a CCXT snapshot');
    expect(refusal({ fileName: 'a.csv', text: fixture('alpaca.json'), format: 'csv' }).reason).toBe('the file is JSON, not CSV');
  });
});

describe('describeCoverage', () => {
  it('says per account what was reported and what was not', () => {
    const s = parseBrokerFile({ fileName: 'ccxt-accounts.json', text: fixture('ccxt-accounts.json') });
    expect(describeCoverage(s)).toEqual([
      'bybit-main: positions 0, orders not reported, cash 2 currencies',
      'bybit-sub: positions not reported, orders 1 (0 open), cash not reported',
    ]);
    const c = parseBrokerFile({ fileName: 'ccxt-binance.json', text: fixture('ccxt-binance.json') });
    expect(describeCoverage(c)).toEqual(['binance-margin: positions 4, orders 3 (2 open), cash 4 currencies']);
    const l = parseBrokerFile({ fileName: 'lifeboat.json', text: fixture('lifeboat.json') });
    expect(describeCoverage(l)[0]).toBe('ACC-CRYPTO: positions 2, open orders 2, cash 2 currencies');
  });
});
