// Which row's details are open; the drawer follows the keyboard selection while it is open and
// shows the row's latest version after a live refresh.
import { useCallback, useMemo, useState } from 'react';

export function useDrawer<T>(rows: readonly T[], getId: (row: T) => string, tableTestId: string) {
  const [openId, setOpenId] = useState<string | null>(null);
  const openRow = useMemo(() => (openId === null ? null : (rows.find((r) => getId(r) === openId) ?? null)), [rows, openId, getId]);
  const open = useCallback((row: T) => setOpenId(getId(row)), [getId]);
  const onSelect = useCallback((row: T) => setOpenId((current) => (current === null ? null : getId(row))), [getId]);
  const close = useCallback(() => {
    setOpenId(null);
    document.querySelector<HTMLElement>(`[data-testid="${tableTestId}-body"]`)?.focus();
  }, [tableTestId]);
  return { openId, openRow, open, onSelect, close };
}
