// What the desk can trade: the real catalog, plus deterministic made-up listings on the large desk
// (never colliding with a real ticker or a currency code).
import * as inst from '../instruments';
import type { Rng } from '../rng';
import { REAL_COINS, type Universes } from './accounts-catalog';
import type { Profile } from './profile';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const EU_SUFFIX = ['.DE', '.PA', '.AS'];

export function buildUniverses(syn: Profile['synthetic'], r: Rng): Universes {
  const taken = new Set<string>([
    ...Object.keys(inst.US_EQUITIES),
    ...Object.keys(inst.EU_EQUITIES),
    ...Object.keys(inst.UK_EQUITIES),
    ...Object.keys(inst.JP_EQUITIES),
    ...REAL_COINS,
    'USD', 'USDT', 'USDC', 'EUR', 'GBP', 'JPY', 'CHF',
  ]);
  const make = (n: number, gen: () => string): string[] => {
    const out: string[] = [];
    while (out.length < n) {
      const s = gen();
      if (taken.has(s)) continue;
      taken.add(s);
      out.push(s);
    }
    return out;
  };
  return {
    US: [...Object.keys(inst.US_EQUITIES), ...make(syn.US, () => r.chars(LETTERS, r.int(3, 4)))],
    EU: [...Object.keys(inst.EU_EQUITIES), ...make(syn.EU, () => r.chars(LETTERS, r.int(3, 4)) + r.pick(EU_SUFFIX))],
    UK: [...Object.keys(inst.UK_EQUITIES), ...make(syn.UK, () => r.chars(LETTERS, r.int(3, 4)) + '.L')],
    JP: [...Object.keys(inst.JP_EQUITIES), ...make(syn.JP, () => `${r.int(1300, 9999)}.T`)],
    COINS: [...REAL_COINS, ...make(syn.COINS, () => r.chars(LETTERS, r.int(3, 5)))],
  };
}

/** Whether a symbol is in the real catalog (generated strategies are named after real ones only). */
export function isCatalogued(symbol: string): boolean {
  if (inst.isCryptoSymbol(symbol)) return Object.prototype.hasOwnProperty.call(inst.COINS, inst.splitPair(symbol).base);
  return [inst.US_EQUITIES, inst.EU_EQUITIES, inst.UK_EQUITIES, inst.JP_EQUITIES].some((t) =>
    Object.prototype.hasOwnProperty.call(t, symbol),
  );
}
