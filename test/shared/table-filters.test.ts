import { describe, expect, it } from 'vitest';
import { activeFilters, matchesDecimalFilter, matchesQuickFilter, matchesTextFilter, quickFilterTerms, rowMatcher, sameFilters } from '../../shared/table-filters';
import { ORDER_COLUMNS, POSITION_COLUMNS } from '../../shared/list-columns';

describe('column filters', () => {
  it('compares decimals exactly with >, >=, <, <=, =, !=', () => {
    expect(matchesDecimalFilter('1000.000000000000000001', '>1000')).toBe(true);
    expect(matchesDecimalFilter('1000', '>1000')).toBe(false);
    expect(matchesDecimalFilter('1000', '>= 1,000')).toBe(true);
    expect(matchesDecimalFilter('-5', '<0')).toBe(true);
    expect(matchesDecimalFilter('0.5', '=0.50')).toBe(true);
    expect(matchesDecimalFilter('0', '!=0')).toBe(false);
    expect(matchesDecimalFilter(null, '>0')).toBe(false);
    expect(matchesDecimalFilter(null, '!=0')).toBe(true);
  });

  it('takes a range a..b, inclusive', () => {
    expect(matchesDecimalFilter('15', '10..20')).toBe(true);
    expect(matchesDecimalFilter('20', '10..20')).toBe(true);
    expect(matchesDecimalFilter('20.0001', '10..20')).toBe(false);
  });

  it('falls back to a substring of the plain or grouped text', () => {
    expect(matchesDecimalFilter('1234567.5', '4567')).toBe(true);
    expect(matchesDecimalFilter('1234567.5', '234,567')).toBe(true);
    expect(matchesDecimalFilter('1234567.5', '999')).toBe(false);
  });

  it('matches text case-insensitively, exactly with =, and excludes with !', () => {
    expect(matchesTextFilter('BTC/USDT', 'btc')).toBe(true);
    expect(matchesTextFilter('WBTC', '=btc')).toBe(false);
    expect(matchesTextFilter('BTC', '=btc')).toBe(true);
    expect(matchesTextFilter('AAPL', '!aa')).toBe(false);
    expect(matchesTextFilter(null, 'x')).toBe(false);
    expect(matchesTextFilter(null, '')).toBe(true);
  });

  it('needs every quick filter term somewhere in the row', () => {
    const terms = quickFilterTerms('  AAPL  momentum ');
    expect(terms).toEqual(['aapl', 'momentum']);
    expect(matchesQuickFilter('acct-1 momentum-1 aapl 100', terms)).toBe(true);
    expect(matchesQuickFilter('acct-1 meanrev-1 aapl 100', terms)).toBe(false);
  });

  it('leaves blank boxes out, and tells filters that narrow the same way apart from ones that do not', () => {
    expect(activeFilters({ symbol: 'aapl', quantity: '  ', accountId: '' })).toEqual([['symbol', 'aapl']]);
    expect(sameFilters({ symbol: 'x', quantity: '>0' }, { quantity: '>0', symbol: 'x', side: ' ' })).toBe(true);
    expect(sameFilters({ symbol: 'x' }, { symbol: 'xy' })).toBe(false);
    expect(sameFilters({}, undefined)).toBe(true);
  });
});

describe('a row against every column filter', () => {
  const row = { symbol: 'BTC/USDT', quantity: '-0.5', lastPrice: null, marketValue: '-21000.25' };
  const kinds = { symbol: 'text', quantity: 'decimal', lastPrice: 'decimal', marketValue: 'decimal' } as const;

  it('needs every filter to hold, each by its column’s kind', () => {
    expect(rowMatcher({ symbol: 'btc', quantity: '<0' }, kinds)(row)).toBe(true);
    expect(rowMatcher({ symbol: 'btc', quantity: '>0' }, kinds)(row)).toBe(false);
    // As text "21,000" is a substring of the grouped value; as a decimal it compares.
    expect(rowMatcher({ marketValue: '21,000' }, kinds)(row)).toBe(true);
    expect(rowMatcher({ marketValue: '>= -21000.25' }, kinds)(row)).toBe(true);
    expect(rowMatcher({ lastPrice: '>0' }, kinds)(row)).toBe(false);
    expect(rowMatcher({ lastPrice: '!=0' }, kinds)(row)).toBe(true);
    expect(rowMatcher({}, kinds)(row)).toBe(true);
  });

  it('knows the decimal columns of positions and orders', () => {
    const decimals = (columns: Record<string, string>) => Object.keys(columns).filter((c) => columns[c] === 'decimal');
    expect(decimals(POSITION_COLUMNS)).toEqual(['quantity', 'avgPrice', 'lastPrice', 'costBasis', 'marketValue', 'unrealizedPnl']);
    expect(decimals(ORDER_COLUMNS)).toEqual(['quantity', 'filledQuantity', 'limitPrice', 'stopPrice', 'avgFillPrice']);
  });
});
