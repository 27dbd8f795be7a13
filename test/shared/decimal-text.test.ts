import { describe, expect, it } from 'vitest';
import { compareDecimal } from '../../shared/decimal';
import { compareDecimalText, decimalParts, formatDecimal, groupThousands } from '../../shared/decimal-text';

describe('showing decimals exactly', () => {
  it.each([
    ['0', '0'],
    ['12', '12'],
    ['1234', '1,234'],
    ['123456', '123,456'],
    ['1234567.5', '1,234,567.5'],
    ['-1234567.000000000000000001', '-1,234,567.000000000000000001'],
    ['0.000000000000000001', '0.000000000000000001'],
    ['123456789012345678901234567890.123456789012345678', '123,456,789,012,345,678,901,234,567,890.123456789012345678'],
  ])('%s reads as %s', (input, shown) => {
    expect(formatDecimal(input)).toBe(shown);
  });

  it('never rounds: digits a float would lose survive', () => {
    expect(formatDecimal('9007199254740993')).toBe('9,007,199,254,740,993');
    expect(formatDecimal('0.1000000000000000055')).toBe('0.1000000000000000055');
  });

  it('leaves text that is not a plain decimal as it is', () => {
    expect(formatDecimal('1e5')).toBe('1e5');
    expect(formatDecimal('n/a')).toBe('n/a');
    expect(formatDecimal(null)).toBe('');
    expect(decimalParts('12,5')).toBeNull();
  });

  it('groups integer digits only', () => {
    expect(groupThousands('1')).toBe('1');
    expect(groupThousands('1000')).toBe('1,000');
    expect(decimalParts('-98765.4321')).toEqual({ negative: true, integer: '98,765', fraction: '4321' });
  });
});

describe('sorting decimals', () => {
  it('orders like compareDecimal, nulls first', () => {
    const values = ['10', '9.99', '-1', '-10.5', '0', '0.000000000000000001', '100000000000000000000.1', '2', '-0.5', null];
    const mine = [...values].sort(compareDecimalText);
    const reference = [...values].sort(compareDecimal);
    expect(mine).toEqual(reference);
    expect(mine).toEqual([null, '-10.5', '-1', '-0.5', '0', '0.000000000000000001', '2', '9.99', '10', '100000000000000000000.1']);
  });

  it('agrees with compareDecimal on many random pairs', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const make = () => {
      const int = rand() < 0.3 ? '0' : String(Math.floor(rand() * 10 ** Math.floor(rand() * 8)));
      const frac = rand() < 0.5 ? '' : `.${String(Math.floor(rand() * 1e6)).padStart(6, '0').replace(/0+$/, '') || '1'}`;
      const text = `${int}${frac}`;
      return rand() < 0.4 && text !== '0' ? `-${text}` : text;
    };
    for (let i = 0; i < 5000; i++) {
      const a = make();
      const b = make();
      expect(Math.sign(compareDecimalText(a, b)), `${a} vs ${b}`).toBe(Math.sign(compareDecimal(a, b)));
    }
  });

  it('treats trailing zeros as the same value', () => {
    expect(compareDecimalText('1.50', '1.5')).toBe(0);
    expect(compareDecimalText('0.0', '0')).toBe(0);
  });
});
