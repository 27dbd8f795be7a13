// Which columns a person chose to see, remembered per table on this machine.
import { useEffect, useState } from 'react';
import type { VisibilityState } from '@tanstack/react-table';

const key = (tableId: string) => `lifeboat.columns.${tableId}`;

function read(tableId: string, hidden: readonly string[]): VisibilityState {
  const defaults = Object.fromEntries(hidden.map((id) => [id, false]));
  try {
    const stored = localStorage.getItem(key(tableId));
    return stored ? { ...defaults, ...(JSON.parse(stored) as VisibilityState) } : defaults;
  } catch {
    return defaults;
  }
}

export function usePersistedVisibility(tableId: string, hidden: readonly string[] = []) {
  const [visibility, setVisibility] = useState<VisibilityState>(() => read(tableId, hidden));
  useEffect(() => {
    try {
      localStorage.setItem(key(tableId), JSON.stringify(visibility));
    } catch {
      // not remembered; still applies for this session
    }
  }, [tableId, visibility]);
  return [visibility, setVisibility] as const;
}
