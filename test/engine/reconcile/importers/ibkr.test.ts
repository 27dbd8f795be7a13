// IBKR Flex Query XML: several accounts, positions with their asset class and multiplier, cash
// per currency without the base summary, Trades and CashTransactions as context only.
import { describe, expect, it } from 'vitest';
import { describeCoverage, detectBrokerFormat, parseBrokerFile, writeLifeboatSnapshot } from '../../../../electron/engine/reconcile/importers';
import { IBKR_ORDERS_NOTE } from '../../../../electron/engine/reconcile/importers/ibkr';
import { fixture, parseFixture, refusal } from './helpers';

/** A Flex document of the given statements (each the inside of a FlexStatement of that account). */
const flex = (statements: Record<string, string>, count = Object.keys(statements).length) => ({
  fileName: 'flex.xml',
  text:
    '<?xml version="1.0" encoding="UTF-8"?>\n<FlexQueryResponse queryName="q" type="AF">\n' +
    `<FlexStatements count="${count}">\n` +
    Object.entries(statements)
      .map(([id, body]) => `<FlexStatement accountId="${id}" fromDate="20240314" toDate="20240314" whenGenerated="20240315;093000">\n${body}\n</FlexStatement>\n`)
      .join('') +
    '</FlexStatements>\n</FlexQueryResponse>\n',
});
const position = (attrs: string) => `<OpenPositions>\n<OpenPosition ${attrs} />\n</OpenPositions>`;

describe('IBKR Flex import', () => {
  it('reads two accounts: stock, option and future positions exactly, cash per currency, an absent section as not reported', () => {
    const s = parseFixture('ibkr-flex.xml');
    expect(s).toMatchObject({ format: 'ibkr-flex', fileName: 'ibkr-flex.xml', asOf: '2024-03-15T13:30:00.000Z' }); // 09:30 New York (EDT)
    expect(s.accounts.map((a) => a.accountId)).toEqual(['U1234567', 'U7654321']);
    const [main, second] = s.accounts;
    expect(main.positions!.map((p) => [p.at, p.symbol, p.quantity, p.avgPrice, p.contracts ?? null])).toEqual([
      ['line 12', 'AAPL', '100', '187.2534', null], // the SUMMARY row; its two LOT rows are detail
      ['line 15', 'AAPL  240419C00180000', '-2', '5.3025', { assetClass: 'OPT', multiplier: '100', multiplierUnit: null }], // contracts, side Short
      ['line 16', 'ESM4', '1', '5150.25', { assetClass: 'FUT', multiplier: '50', multiplierUnit: null }],
    ]);
    expect(main.cash).toEqual([
      { at: 'line 8', currency: 'USD', amount: '25310.75' }, // BASE_SUMMARY skipped
      { at: 'line 9', currency: 'EUR', amount: '-1200.5' }, // "-1200.50", canonical; margin accounts go negative
    ]);
    expect(main.orders).toBeNull();
    expect(second).toEqual({ accountId: 'U7654321', positions: [], orders: null, cash: null }); // <OpenPositions /> is flat; no CashReport
    expect(s.notes).toEqual([
      IBKR_ORDERS_NOTE,
      'U1234567: 1 forex row (asset class CASH) in OpenPositions is not compared as positions; cash is compared from the CashReport.',
      "U1234567: the statement's 2 trades and 1 cash transaction for 20240314 to 20240314 are context, not compared.",
    ]);
  });

  it("carries the option's contract terms through Lifeboat's own file", () => {
    const s = parseFixture('ibkr-flex.xml');
    const again = parseBrokerFile({ fileName: 'copy.json', text: writeLifeboatSnapshot(s) });
    expect(again.accounts[0].positions!.map((p) => p.contracts ?? null)).toEqual(s.accounts[0].positions!.map((p) => p.contracts ?? null));
  });

  it('is detected by its content, and its coverage says what it reports', () => {
    expect(detectBrokerFormat('statement.txt', fixture('ibkr-flex.xml'))).toMatchObject({ format: 'ibkr-flex' });
    expect(detectBrokerFormat('s.xml', '<FlexQueryResponse queryName="q">')).toMatchObject({ format: 'ibkr-flex' });
    expect(detectBrokerFormat('s.xml', '\uFEFF<?xml version="1.0"?>\n<!-- daily -->\n<FlexQueryResponse>').format).toBe('ibkr-flex');
    expect(detectBrokerFormat('s.xml', '<?xml version="1.0"?><Portfolio/>').reason).toMatch(/^an XML document, but its root is <Portfolio>; the XML Lifeboat reads is an IBKR Flex statement/);
    expect(describeCoverage(parseFixture('ibkr-flex.xml'))).toEqual([
      'U1234567: positions 3, orders not reported, cash 2 currencies',
      'U7654321: positions 0, orders not reported, cash not reported',
    ]);
  });

  it('keeps every digit: no float on the way', () => {
    const s = parseBrokerFile(flex({ U1: position('symbol="BTC" assetCategory="CRYPTO" position="0.123456789012345678" costBasisPrice="67100.123456789" side="Long"') }));
    expect(s.accounts[0].positions![0]).toMatchObject({ quantity: '0.123456789012345678', avgPrice: '67100.123456789' });
    expect(s.accounts[0].positions![0].contracts).toBeUndefined();
  });

  it('applies the short sign once, and reads time in New York time, winter and summer', () => {
    const shorts = parseBrokerFile(flex({ U1: '<OpenPositions>\n<OpenPosition symbol="A" position="-5" side="Short" />\n<OpenPosition symbol="B" position="5" side="Short" />\n</OpenPositions>' }));
    expect(shorts.accounts[0].positions!.map((p) => p.quantity)).toEqual(['-5', '-5']);
    const winter = flex({ U1: '<OpenPositions />' });
    expect(parseBrokerFile({ ...winter, text: winter.text.replace('20240315;093000', '2024-01-15;09:30:00') }).asOf).toBe('2024-01-15T14:30:00.000Z');
    const odd = parseBrokerFile({ ...winter, text: winter.text.replace('20240315;093000', '03/15/2024;093000') });
    expect(odd.asOf).toBeNull();
    expect(odd.notes).toContain('whenGenerated "03/15/2024;093000" is not in a date format Lifeboat reads without guessing (yyyyMMdd;HHmmss or yyyy-MM-dd;HH:mm:ss); the statement\'s time is not shown.');
  });

  it.each([
    ['symbol="A" position="1e-7"', /^FlexStatement\[U1\]\/OpenPositions\/OpenPosition\[1\]\/@position: "1e-7" uses an exponent/, 'flex.xml:6:36'],
    ['symbol="A" position="1,5"', /@position: "1,5" contains a comma/, 'flex.xml:6:36'],
    ['symbol="A" position="5" side="Long" costBasisPrice="-3"', /@costBasisPrice: "-3" must be greater than zero/, 'flex.xml:6:67'],
    ['symbol="A" position="-5" side="Long"', /@position: the quantity -5 is negative but the side is "long"/, 'flex.xml:6:36'],
    ['symbol="A" position="5" side="Flat"', /@side: expected Long or Short, got "Flat"/, 'flex.xml:6:45'],
    ['symbol="A" position="5" multiplier="0"', /@multiplier: "0" must be greater than zero/, 'flex.xml:6:51'],
    ['symbol="A" position="5" levelOfDetail="LOT"', /lists lots only; set Open Positions to "Summary"/, 'flex.xml:6:54'],
    ['symbol="A" position="5" accountId="U2"', /@accountId: the row is for account "U2" inside the statement of U1/, 'flex.xml:6:50'],
    ['symbol="A" position="5" currency="XYZ"', /@currency: unknown currency "XYZ"/, 'flex.xml:6:49'],
    ['position="5"', /@symbol: required but missing \(the Flex query must include symbol\)/, 'flex.xml:6:1'],
  ])('refuses an OpenPosition with %s, naming the attribute and its line:col', (attrs, reason, where) => {
    const err = refusal(flex({ U1: position(attrs) }));
    expect(err.reason).toMatch(reason);
    expect(err.where).toBe(where);
  });

  it.each([
    [{ U1: '<CashReport>\n<CashReportCurrency currency="XYZ" endingCash="1" />\n</CashReport>' }, /CashReport\/CashReportCurrency\[1\]\/@currency: unknown currency "XYZ"/],
    [{ U1: '<CashReport>\n<CashReportCurrency currency="USD" />\n</CashReport>' }, /@endingCash: required but missing/],
    [{ U1: '<CashReport>\n<CashReportCurrency currency="USD" endingCash="1" />\n<CashReportCurrency currency="usd" endingCash="2" />\n</CashReport>' }, /CashReportCurrency\[2\]\/@currency: currency USD appears twice \(first on line 6\)/],
    [{ U1: '<OpenPositions>\n<OpenPosition symbol="A" position="1" />\n<OpenPosition symbol="A" position="2" />\n</OpenPositions>' }, /OpenPosition\[2\]\/@symbol: A appears twice \(first on line 6\)/],
    [{ U1: '<Trades />' }, /FlexStatement\[U1\]: reports nothing to compare: add OpenPositions or CashReport to the Flex query/],
    [{ U1: '<OpenPositions />\n<OpenPositions />' }, /OpenPositions appears twice in one statement \(first on line 5\)/],
  ])('refuses %j', (statements, reason) => {
    expect(refusal(flex(statements)).reason).toMatch(reason);
  });

  it('refuses an account with two statements, and a count that does not match', () => {
    const two = flex({ U1: '<OpenPositions />', U2: '<OpenPositions />' });
    expect(refusal({ ...two, text: two.text.replace('accountId="U2"', 'accountId="U1"') }).reason).toMatch(/FlexStatement\[2\]\/@accountId: account U1 has two statements \(first on line 4\)/);
    const cut = refusal(flex({ U1: '<OpenPositions />' }, 3));
    expect(cut.reason).toMatch(/FlexStatements\/@count: says 3 statements but the file holds 1 \(is the file cut short\?\)/);
    expect(cut.where).toBe('flex.xml:3:24');
  });

  it('refuses broken XML at its line and column', () => {
    const truncated = fixture('ibkr-flex.xml').slice(0, 2000);
    const err = refusal({ fileName: 'cut.xml', text: truncated });
    expect(err.reason).toMatch(/^not valid XML: /);
    expect(err.where).toMatch(/^cut\.xml:\d+:\d+$/);
    const mismatched = refusal({ fileName: 'bad.xml', text: '<FlexQueryResponse>\n<FlexStatements count="1">\n<FlexStatement accountId="U1">\n</FlexStatements>\n</FlexQueryResponse>' });
    expect(mismatched.reason).toBe("not valid XML: Expected closing tag 'FlexStatement' (opened in line 3, col 1) instead of closing tag 'FlexStatements'.");
    expect(mismatched.where).toBe('bad.xml:4:1');
    const attr = refusal({ fileName: 'attr.xml', text: '<FlexQueryResponse>\n  <FlexStatements count=1/>\n</FlexQueryResponse>' });
    expect(attr.reason).toMatch(/^not valid XML: Attribute 'count' is without value/);
    expect(attr.where).toBe('attr.xml:2:19');
  });

  it('refuses XML that is not a Flex statement, saying what it is', () => {
    expect(refusal({ fileName: 'd.xml', text: '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<FlexQueryResponse/>' })).toMatchObject({
      reason: expect.stringMatching(/declares a DOCTYPE/),
      where: 'd.xml:2:1',
    });
    expect(refusal({ fileName: 'p.xml', text: '<?xml version="1.0"?>\n<Portfolio/>' })).toMatchObject({ reason: 'an XML document whose root is <Portfolio>, not an IBKR Flex statement (<FlexQueryResponse>)', where: 'p.xml:2:1' });
    const reply = '<FlexStatementResponse timestamp="15 March, 2024 09:30 AM EDT"><Status>Fail</Status><ErrorCode>1019</ErrorCode><ErrorMessage>Statement generation in progress. Please try again shortly.</ErrorMessage></FlexStatementResponse>';
    expect(refusal({ fileName: 'r.xml', text: reply }).reason).toBe(
      `the Flex Web Service's reply to a request (it says "Statement generation in progress. Please try again shortly."), not a statement: fetch the statement itself and reconcile that`,
    );
    expect(refusal({ fileName: 'e.xml', text: '<FlexQueryResponse queryName="q" type="AF"><FlexStatements count="0"></FlexStatements></FlexQueryResponse>' }).reason).toMatch(/names no account/);
  });

  it('refuses a file given as the wrong format', () => {
    expect(refusal({ fileName: 'f.xml', text: fixture('ibkr-flex.xml'), format: 'ccxt' }).reason).toBe('the file is an IBKR Flex statement, not a CCXT snapshot');
    expect(refusal({ fileName: 'a.json', text: fixture('alpaca.json'), format: 'ibkr-flex' }).reason).toBe('the file is JSON, not an IBKR Flex statement (an XML document with <FlexQueryResponse>)');
    expect(refusal({ fileName: 'p.csv', text: 'symbol,quantity\nA,1\n', format: 'ibkr-flex' }).reason).toMatch(/^the file is not XML/);
  });
});
