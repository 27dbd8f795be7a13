import { describe, expect, it } from 'vitest';
import { columnScale, decimalSign, fractionDigits } from '../../renderer/src/format/decimal';

describe('lining decimals up and colouring them', () => {
  it('measures fractions so a column can line its points up', () => {
    expect(fractionDigits('12')).toBe(0);
    expect(fractionDigits('0.00000001')).toBe(8);
    expect(columnScale(['1.5', null, '2.125', '3'])).toBe(3);
  });

  it('reads the sign from the text for P&L colour', () => {
    expect(decimalSign('-0.01')).toBe(-1);
    expect(decimalSign('0')).toBe(0);
    expect(decimalSign('0.000')).toBe(0);
    expect(decimalSign('15')).toBe(1);
    expect(decimalSign(null)).toBe(0);
  });
});

describe('column widths', () => {
  it('fits the longest decimal with its fraction aligned', async () => {
    const { decimalChars, measureColumn } = await import('../../renderer/src/components/table/column-width');
    expect(decimalChars('1234.5', 3)).toBe('1,234.500'.length);
    expect(decimalChars('-7', 2)).toBe('-7.00'.length);
    // Alignment stops at 8 places; the long fraction still fits, whole.
    expect(measureColumn(['1234567', '0.000000000000000001', null], 'decimal')).toEqual({
      scale: 8,
      chars: '0.000000000000000001'.length,
    });
    expect(measureColumn(['1234567', '0.5'], 'decimal')).toEqual({ scale: 1, chars: '1,234,567.0'.length });
    expect(measureColumn(['AAPL', 'BTC/USDT'], 'text').chars).toBe(8);
    expect(measureColumn(['x'.repeat(500)], 'text').chars).toBe(48);
  });
});
