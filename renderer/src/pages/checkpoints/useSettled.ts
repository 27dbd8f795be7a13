// A value that follows another once it has stopped changing for `ms`: heavy views (a table of
// 10,000 rows) wait until the person stops zooming instead of redrawing on every wheel tick.
import { useEffect, useState } from 'react';

export function useSettled<T>(value: T, ms: number, same: (a: T, b: T) => boolean = Object.is): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (same(settled, value)) return;
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms, settled, same]);
  return settled;
}
