// Byte counts for reading: 1536 → "1.5 KB".
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[u]}`;
}

export type TransferPhase = 'read' | 'upload' | 'process';

/** Where sending a file has got to: reading it, uploading it, or waiting for the engine. */
export interface Transfer {
  phase: TransferPhase;
  loaded: number;
  total: number;
}
