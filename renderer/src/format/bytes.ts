// Byte counts for reading, in decimal units: 39392 → "39.4 KB". Counts of bytes are plain numbers,
// not money, so rounding them for display with toFixed is fine.
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(n: number): string {
  if (!(n > 0)) return '0 B';
  let v = n;
  let u = 0;
  while (v >= 1000 && u < UNITS.length - 1) {
    v /= 1000;
    u += 1;
  }
  return u === 0 ? `${v} B` : `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${UNITS[u]}`;
}
