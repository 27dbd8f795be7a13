// What a column holds, so the table can pick its filter, sort, alignment and cell rendering.
import type { RowData } from '@tanstack/react-table';

export type ColumnKind = 'text' | 'id' | 'decimal' | 'time' | 'count' | 'enum' | 'bool' | 'json';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    kind?: ColumnKind;
    /** Colour decimals by sign (P&L). */
    tone?: 'pnl';
    /** Full name for the column chooser when the header is abbreviated. */
    label?: string;
    /**
     * How a decimal is shown when it differs from the stored text (derived figures rounded to the
     * currency's precision). Sorting and filtering still use the exact value.
     */
    display?: (value: string, row: TData) => { text: string; rounded: boolean };
    /** Keep the defined size instead of fitting the values (short renderings of long values). */
    fixedWidth?: boolean;
    /** Shown on hover over the header. */
    headerTitle?: string;
    /** Set by the table when the column brings its own cell renderer. */
    customCell?: boolean;
  }
}
