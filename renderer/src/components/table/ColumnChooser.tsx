// Show or hide columns of a table.
import { useRef, useState } from 'react';
import type { Table } from '@tanstack/react-table';
import { useDismiss } from '../../hooks/useDismiss';
import { columnLabel } from './labels';

export function ColumnChooser<T>({ table }: { table: Table<T> }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useDismiss(box, open, () => setOpen(false));
  const columns = table.getAllLeafColumns().filter((c) => c.getCanHide());
  const hidden = columns.filter((c) => !c.getIsVisible()).length;
  return (
    <div className="chooser" ref={box}>
      <button
        type="button"
        className="btn"
        aria-expanded={open}
        data-testid="column-chooser"
        onClick={() => setOpen((o) => !o)}
        title="Show or hide columns"
      >
        Columns{hidden ? ` (${hidden} hidden)` : ''}
      </button>
      {open ? (
        <div className="chooser-menu" role="menu" data-testid="column-chooser-menu">
          {columns.map((c) => (
            <label key={c.id} className="chooser-item">
              <input
                type="checkbox"
                checked={c.getIsVisible()}
                onChange={c.getToggleVisibilityHandler()}
                data-testid={`column-toggle-${c.id}`}
              />
              {columnLabel(c.columnDef, c.id)}
            </label>
          ))}
          <div className="chooser-foot">
            <button type="button" className="btn btn-small" onClick={() => table.resetColumnVisibility(true)}>
              Show all
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
