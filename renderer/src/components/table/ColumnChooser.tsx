// Show or hide columns of a table.
import { useEffect, useRef, useState } from 'react';
import type { Table } from '@tanstack/react-table';
import { columnLabel } from './labels';

export function ColumnChooser<T>({ table }: { table: Table<T> }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
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
