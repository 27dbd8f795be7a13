import { describe, expect, it } from 'vitest';
import { matchesDecimalFilter, matchesQuickFilter, matchesTextFilter, quickFilterTerms } from '../../renderer/src/components/table/filters';

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
});
