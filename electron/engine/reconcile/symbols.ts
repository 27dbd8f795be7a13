// Symbols: how a broker writes one (BTCUSDT, BTC-USDT) mapped onto the desk's (BTC/USDT).
// An unmapped symbol that only looks like one of ours is reported, never guessed.

export type SymbolMap = Map<string, string>;

export type SymbolMatch = { symbol: string; how: 'mapped' | 'same' } | { symbol: null; lookalike: string | null };

/** Letters and digits only, upper case: the form two spellings of one instrument share. */
export const squash = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * Resolves a broker symbol against an account's mapping and the symbols the desk knows there.
 * Returns the desk symbol, or null with a look-alike to suggest as a mapping.
 */
export function resolveSymbol(brokerSymbol: string, mapping: SymbolMap, known: ReadonlySet<string>): SymbolMatch {
  const mapped = mapping.get(brokerSymbol);
  if (mapped) return { symbol: mapped, how: 'mapped' };
  if (known.has(brokerSymbol)) return { symbol: brokerSymbol, how: 'same' };
  const target = squash(brokerSymbol);
  const lookalike = [...known].find((k) => squash(k) === target) ?? null;
  return { symbol: null, lookalike };
}
