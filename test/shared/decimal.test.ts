import { describe, expect, it } from 'vitest';
import { canonical, decimalProblem, Dec, floatNoise, isCanonical, parseDecimal, toStored } from '../../shared/decimal';

describe('decimal canonical form', () => {
  it.each([
    ['1.500', '1.5'],
    ['0.000000000000000001', '0.000000000000000001'],
    ['100', '100'],
    ['0.0', '0'],
    ['-12.340', '-12.34'],
    ['123456789012345678901234567890.123456789012345678', '123456789012345678901234567890.123456789012345678'],
  ])('%s is stored as %s', (input, expected) => {
    expect(canonical(input)).toBe(expected);
    expect(isCanonical(expected)).toBe(true);
  });

  it('prints tiny and huge computed values without an exponent', () => {
    expect(canonical(new Dec('1').div('1e18'))).toBe('0.000000000000000001');
    expect(canonical(new Dec('1e25'))).toBe('10000000000000000000000000');
  });

  it('turns a computed negative zero into 0', () => {
    expect(canonical(new Dec('-0'))).toBe('0');
    expect(toStored(new Dec('-0.0000000000000000001'))).toBe('0');
  });

  it('rounds computed values half-even to 18 places for storage', () => {
    expect(toStored(new Dec('1').div(3))).toBe('0.333333333333333333');
    expect(toStored(new Dec('0.0000000000000000025'))).toBe('0.000000000000000002');
  });

  it.each([
    ['1e400', /exponent/],
    ['NaN', /not a number/],
    ['Infinity', /not a number/],
    ['12,5', /comma/],
    ['1,234.50', /comma/],
    ['-0', /negative zero/],
    ['-0.00', /negative zero/],
    ['', /empty/],
    [' 1', /padded/],
    ['+1', /plain decimal/],
    ['.5', /plain decimal/],
    ['1.', /plain decimal/],
    ['0x10', /plain decimal/],
    ['01', /plain decimal/],
    ['1.0000000000000000001', /18 decimal places/],
    ['1234567890123456789012345678901', /30 integer digits/],
  ])('refuses %j and says why', (input, reason) => {
    expect(decimalProblem(input)).toMatch(reason);
    expect(() => parseDecimal(input)).toThrow(reason);
  });

  it('refuses numbers that are not strings, naming the type', () => {
    expect(decimalProblem(1.5)).toMatch(/JSON number 1.5/);
    expect(decimalProblem(null)).toMatch(/null/);
  });

  it('applies sign rules', () => {
    expect(decimalProblem('-1', { nonNegative: true })).toMatch(/must not be negative/);
    expect(decimalProblem('0', { positive: true })).toMatch(/greater than zero/);
    expect(decimalProblem('0', { nonNegative: true })).toBeNull();
  });

  it('keeps 0.1 + 0.2 exact', () => {
    expect(canonical(parseDecimal('0.1').plus(parseDecimal('0.2')))).toBe('0.3');
  });
});

describe('floatNoise', () => {
  it('names the short decimal a float meant, and leaves exact long decimals alone', () => {
    expect(floatNoise('0.30000000000000004')).toBe('0.3');
    expect(floatNoise('0.7999999999999999')).toBe('0.8');
    expect(floatNoise('1.2100000000000002')).toBe('1.21');
    expect(floatNoise('-187.25000000000003')).toBe('-187.25');
    // Exact values that merely have many digits: an 18-decimal quantity, a long but honest price.
    expect(floatNoise('0.000000000000000001')).toBeNull();
    expect(floatNoise('0.010000000000000001')).toBeNull(); // 0.01 and one wei: no float prints this
    expect(floatNoise('187.123456789012345678')).toBeNull();
    expect(floatNoise('0.3')).toBeNull();
    expect(floatNoise('100000')).toBeNull();
  });
});
