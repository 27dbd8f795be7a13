// Id formats shared by the generator and the simulator: the time stamp inside an order id, and
// broker order ids in the style of the brokers that do not use plain numbers.
import type { Rng } from './rng';

const KRAKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** "2026-11-20T21:05:09.000Z" → "20261120-210509": the time part of an order id. */
export function orderIdStamp(iso: string): string {
  const t = iso;
  return `${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}-${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}`;
}

/** A Kraken transaction id: "O" and three base-32 groups (OQCLML-BW3P3-BUCMWZ style). */
export function krakenOrderId(r: Rng): string {
  return `O${r.chars(KRAKEN_CHARS, 5)}-${r.chars(KRAKEN_CHARS, 5)}-${r.chars(KRAKEN_CHARS, 6)}`;
}
