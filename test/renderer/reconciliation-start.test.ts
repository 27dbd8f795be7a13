import { describe, expect, it } from 'vitest';
import { coverageParts } from '../../renderer/src/pages/reconciliation/model/coverage';
import { cleanMapping, csvHeader, parseMappingFile, splitCsvLine, symbolCount } from '../../renderer/src/pages/reconciliation/model/csv';
import { splitJobError } from '../../renderer/src/pages/reconciliation/model/job-error';
import { parseReconView, reconViewHash } from '../../renderer/src/pages/reconciliation/model/route';
import { accountLines, runTone } from '../../renderer/src/pages/reconciliation/model/summary';
import { buildTolerances, describeTolerance, describeTolerances, emptyRow } from '../../renderer/src/pages/reconciliation/model/tolerances';

describe('tolerances as typed', () => {
  it('turns percent into an exact fraction and leaves empty boxes to the engine', () => {
    const desk = { ...emptyRow(''), price: { abs: '', relPct: '0.5' }, cash: { abs: '0.01', relPct: '' } };
    const override = { ...emptyRow('acct-b'), quantity: { abs: '0.000000000000000001', relPct: '' } };
    const { tolerances, problems } = buildTolerances([desk, override, emptyRow('acct-c')]);
    expect(problems).toEqual({});
    expect(tolerances).toEqual({
      price: { rel: '0.005' },
      cash: { abs: '0.01' },
      accounts: { 'acct-b': { quantity: { abs: '0.000000000000000001' } } },
    });
  });

  it('names the box of every value that is not a plain non-negative decimal', () => {
    const row = { ...emptyRow('acct-a'), quantity: { abs: '-1', relPct: '1,5' }, cash: { abs: '1e-2', relPct: ' 2 ' } };
    const { tolerances, problems } = buildTolerances([row]);
    expect(Object.keys(problems).sort()).toEqual(['acct-a.cash.abs', 'acct-a.quantity.abs', 'acct-a.quantity.rel']);
    expect(problems['acct-a.quantity.rel']).toMatch(/comma/);
    expect(tolerances.accounts?.['acct-a']).toEqual({ cash: { rel: '0.02' } });
  });

  it('reads back for the report header', () => {
    expect(describeTolerance(undefined)).toBe('default');
    expect(describeTolerance({ abs: '0' })).toBe('exact');
    expect(describeTolerance({ abs: '1000.5', rel: '0.0001' })).toBe('± 1,000.5 or 0.01 %');
    expect(describeTolerances({ cash: { abs: '1' }, accounts: { x: { price: { rel: '0.01' } } } })).toEqual([
      { scope: '', text: 'quantity default · price default · cash ± 1' },
      { scope: 'x', text: 'quantity default · price ± 1 % · cash default' },
    ]);
  });
});

describe('a CSV broker file', () => {
  it('finds the header and its delimiter from the first bytes, quotes and a BOM included', () => {
    expect(csvHeader('\uFEFFaccount,kind,symbol\r\nacct,position,AAPL')).toEqual({ columns: ['account', 'kind', 'symbol'], delimiter: ',' });
    expect(csvHeader('Konto;Symbol;"Menge; Stück"\n1;2;3')).toEqual({ columns: ['Konto', 'Symbol', 'Menge; Stück'], delimiter: ';' });
    expect(csvHeader('just one column\n')).toBeNull();
    expect(splitCsvLine('"say ""hi""",b', ',')).toEqual(['say "hi"', 'b']);
  });

  it('takes a mapping file in the CLI’s shapes and says what is wrong with a bad one', () => {
    const both = parseMappingFile('{"columns":{"symbol":"Ticker"},"symbols":{"acct":{"BTC-USD":"BTC/USD","ETH-USD":"ETH/USD"}}}');
    expect(both).toEqual({ ok: true, value: { columns: { symbol: 'Ticker' }, symbols: { acct: { 'BTC-USD': 'BTC/USD', 'ETH-USD': 'ETH/USD' } } } });
    expect(symbolCount(both.ok ? both.value.symbols : undefined)).toEqual({ mappings: 2, accounts: 1 });
    expect(parseMappingFile('{"symbol":"Ticker","quantity":"3"}')).toEqual({ ok: true, value: { columns: { symbol: 'Ticker', quantity: '3' } } });
    expect(parseMappingFile('{"columns":{"symbol":3}}')).toMatchObject({ ok: false, problem: expect.stringContaining('columns') });
    expect(parseMappingFile('[1]')).toMatchObject({ ok: false });
    expect(parseMappingFile('{nope')).toMatchObject({ ok: false, problem: expect.stringContaining('not valid JSON') });
  });

  it('sends only the columns a person chose', () => {
    expect(cleanMapping({ symbol: 'Ticker', quantity: '', account: ' ' })).toEqual({ symbol: 'Ticker' });
    expect(cleanMapping({ symbol: '' })).toBeUndefined();
  });
});

describe('what the engine says back', () => {
  it('splits the place off a failed job’s error', () => {
    expect(splitJobError('broker.csv:132: avgPrice (column 5 "avg_price"): "-0.03" must be greater than zero', 'broker.csv')).toEqual({
      where: 'broker.csv:132',
      message: 'avgPrice (column 5 "avg_price"): "-0.03" must be greater than zero',
    });
    expect(splitJobError('lifeboat.json:985:23: accounts[1].positions[38].avgPrice: bad', 'lifeboat.json').where).toBe('lifeboat.json:985:23');
    expect(splitJobError('snap (1).json: the snapshot names account "x"', 'snap (1).json')).toEqual({ where: 'snap (1).json', message: 'the snapshot names account "x"' });
    expect(splitJobError('database is locked', 'broker.csv')).toEqual({ where: null, message: 'database is locked' });
  });

  it('marks the sections a file does not report', () => {
    expect(coverageParts('positions 511528, orders not reported, cash 4 currencies')).toEqual([
      { text: 'positions 511,528', missing: false },
      { text: 'orders not reported', missing: true },
      { text: 'cash 4 currencies', missing: false },
    ]);
  });

  it('gives every account of the file a line, with what it did not cover', () => {
    const lines = accountLines({
      perAccount: { a: { total: 2, open: 1, critical: 1, cashDelta: { USD: '1', EUR: '-2' } } },
      coverage: { a: { positions: true, orders: true, cash: true }, b: { positions: true, orders: false, cash: false } },
    });
    expect(lines).toEqual([
      { accountId: 'a', total: 2, open: 1, critical: 1, cashDelta: [['EUR', '-2'], ['USD', '1']], notCovered: [] },
      { accountId: 'b', total: 0, open: 0, critical: 0, cashDelta: [], notCovered: ['orders', 'cash'] },
    ]);
    expect([runTone({ aboveTolerance: 0, unresolved: 0 }), runTone({ aboveTolerance: 3, unresolved: 1 }), runTone({ aboveTolerance: 3, unresolved: 0 })]).toEqual(['agree', 'open', 'resolved']);
  });

  it('keeps the view in the address', () => {
    expect(parseReconView('#/reconciliation/run/REC_20261122_140210_3f9a')).toEqual({ kind: 'run', runId: 'REC_20261122_140210_3f9a' });
    expect(parseReconView('#/reconciliation/new')).toEqual({ kind: 'new' });
    expect(parseReconView('#/reconciliation')).toBeNull();
    expect(parseReconView('#/reconciliation/run/not-a-run')).toBeNull();
    expect(parseReconView('#/audit')).toBeNull();
    expect(reconViewHash({ kind: 'history' })).toBe('#/reconciliation/history');
  });
});
