import { describe, expect, it } from 'vitest';
import { displayPlaces, roundForDisplay } from '../../renderer/src/format/rounding';

describe('overview figures at display precision', () => {
  it('rounds long sums half-even in decimal arithmetic', () => {
    expect(roundForDisplay('2289402.998630637643716502', 2)).toEqual({ text: '2289403.00', rounded: true });
    expect(roundForDisplay('0.125', 2)).toEqual({ text: '0.12', rounded: true });
    expect(roundForDisplay('0.135', 2)).toEqual({ text: '0.14', rounded: true });
    expect(roundForDisplay('-0.001', 2)).toEqual({ text: '0.00', rounded: true });
    expect(roundForDisplay('9007199254740993.005', 2)).toEqual({ text: '9007199254740993.00', rounded: true });
  });

  it('leaves values that already fit untouched', () => {
    expect(roundForDisplay('1234.5', 2)).toEqual({ text: '1234.5', rounded: false });
    expect(roundForDisplay('17', 8)).toEqual({ text: '17', rounded: false });
  });

  it('reads fiat and stablecoins in cents, crypto in eight places', () => {
    expect(displayPlaces('USD')).toBe(2);
    expect(displayPlaces('usdt')).toBe(2);
    expect(displayPlaces('BTC')).toBe(8);
    expect(displayPlaces('JPY')).toBe(0);
  });
});
