// Prices and sizes for the generator's hot loops, in BigInt ticks and lots: what each symbol's
// scales are (worked out once), the desk's mark for it, and order quantities worth a notional.
import * as inst from '../instruments';
import type { Rng } from '../rng';
import { mulBps, places, pow10, units } from '../fixed';
import type { AccountSpec } from './accounts-catalog';
import { DAY } from './profile';

export interface Instrument {
  currency: string;
  crypto: boolean;
  /** Price tick scale, quantity lot scale, and lot multiple (100 in Tokyo). */
  ps: number;
  qs: number;
  lotMult: bigint;
  refTicks: bigint;
  /** USD per unit of the currency, as units at fxScale places. */
  fxUnits: bigint;
  fxScale: number;
  /** The desk's mark in ticks; 0 until first used. */
  markTicks: bigint;
}

export const max1 = (x: bigint): bigint => (x < 1n ? 1n : x);

/** ticks × (1 + sign × u), u uniform in [minBps, maxBps] basis points, never below one tick. */
export function offset(ticks: bigint, sign: number, minBps: number, maxBps: number, r: Rng): bigint {
  return max1(mulBps(ticks, r.int(minBps, maxBps) * sign));
}

export class InstrumentBook {
  private readonly instruments = new Map<string, Instrument>();

  constructor(private readonly asOfMs: number) {}

  /** What the hot loops need to know about a symbol, worked out once. */
  info(symbol: string): Instrument {
    let i = this.instruments.get(symbol);
    if (i === undefined) {
      const currency = inst.instrumentCurrency(symbol);
      const ps = inst.priceScale(symbol);
      const fx = inst.FX_USD[currency] ?? '1';
      const fs = places(fx);
      i = {
        currency,
        crypto: inst.isCryptoSymbol(symbol),
        ps,
        qs: inst.quantityScale(symbol),
        lotMult: BigInt(inst.lotMultiple(symbol)),
        refTicks: max1(units(inst.referencePrice(symbol), ps)),
        fxUnits: units(fx, fs),
        fxScale: fs,
        markTicks: 0n,
      };
      this.instruments.set(symbol, i);
    }
    return i;
  }

  /**
   * The mark (last price, in ticks) of a symbol: the same for every strategy that holds it.
   * Drawn from `r` the first time the symbol is used, so it depends on which builder asks first.
   */
  mark(symbol: string, r: Rng): bigint {
    const i = this.info(symbol);
    if (i.markTicks === 0n) i.markTicks = max1(mulBps(i.refTicks, r.int(-300, 300)));
    return i.markTicks;
  }

  /**
   * Whole lots worth about `notionalUsd` at `priceTicks`, as quantity units at `qs` places:
   * floor(notional / (price × lot)) × lot, at least one lot.
   */
  lots(i: Instrument, priceTicks: bigint, notionalUsd: number, qs: number): bigint {
    // notional in the instrument's currency = usd / fx; lots = notional / (price × 10^-ps × lotMult × 10^-qs)
    const num = BigInt(notionalUsd) * pow10(i.fxScale + i.ps + qs);
    const den = i.fxUnits * priceTicks * i.lotMult;
    const n = num / den;
    return (n > 0n ? n : 1n) * i.lotMult;
  }

  /** The price (ticks) of a symbol when an order was placed: the mark, drifting further the older the order. */
  priceAt(symbol: string, t: number, r: Rng): bigint {
    const ageDays = Math.floor((this.asOfMs - t) / DAY);
    const drift = 100 + Math.min(1500, ageDays * 50);
    return max1(mulBps(this.mark(symbol, r), r.int(-drift, drift)));
  }

  /** An order quantity: units at `qs` places, and the size of one lot in those units. */
  quantity(symbol: string, priceTicks: bigint, account: AccountSpec, r: Rng): { q: bigint; qs: number; lot: bigint } {
    const i = this.info(symbol);
    const notionalUsd = i.crypto ? r.int(100, 40_000) : r.int(500, 60_000);
    const qs = !i.crypto && account.fractional && r.chance(0.1) ? 4 : i.qs;
    return { q: this.lots(i, priceTicks, notionalUsd, qs), qs, lot: i.lotMult };
  }
}
