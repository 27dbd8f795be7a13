// A decimal in a detail view: grouped for reading, with the exact stored text beside it.
import { formatDecimal } from '../../../shared/decimal-text';
import { DecimalText } from './DecimalText';

export function Exact({ value, tone }: { value: string | null | undefined; tone?: 'pnl' }) {
  if (value === null || value === undefined) return <span className="dim">—</span>;
  return (
    <span className="exact">
      <DecimalText value={value} tone={tone === 'pnl' ? 'pnl' : 'plain'} />
      {formatDecimal(value) !== value ? (
        <code className="exact-raw" title="exact stored value">
          {value}
        </code>
      ) : null}
    </span>
  );
}
