// A decimal shown exactly: grouped thousands, the point lined up with its column by invisible
// padding (scale), never parsed into a JS number.
import { decimalParts } from '../../../shared/decimal-text';
import { decimalSign } from '../format/decimal';

export interface DecimalTextProps {
  value: string | null | undefined;
  /** Fraction digits of the widest value in the column; shorter fractions are padded invisibly. */
  scale?: number;
  /** 'pnl' colours the value by its sign. */
  tone?: 'pnl' | 'plain';
  /** Shown for null; defaults to an em dash. */
  empty?: string;
  className?: string;
  /** Hover text; defaults to the value itself. */
  title?: string;
}

export function DecimalText({ value, scale = 0, tone = 'plain', empty = '—', className, title }: DecimalTextProps) {
  if (value === null || value === undefined || value === '') {
    return <span className={`num num-empty ${className ?? ''}`}>{empty}</span>;
  }
  const parts = decimalParts(value);
  if (!parts) return <span className={`num ${className ?? ''}`} title="not a plain decimal">{value}</span>;
  const sign = tone === 'pnl' ? decimalSign(value) : 0;
  const toneClass = sign > 0 ? 'pos' : sign < 0 ? 'neg' : tone === 'pnl' ? 'flat' : '';
  const pad = Math.max(0, scale - parts.fraction.length);
  return (
    <span className={`num ${toneClass} ${className ?? ''}`} title={title ?? value}>
      {parts.negative ? '-' : ''}
      {parts.integer}
      {parts.fraction ? `.${parts.fraction}` : null}
      {pad > 0 ? (
        <span className="num-pad" aria-hidden="true">
          {parts.fraction ? '' : '.'}
          {'0'.repeat(pad)}
        </span>
      ) : null}
    </span>
  );
}
