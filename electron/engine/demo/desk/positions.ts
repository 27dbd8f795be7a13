// The desk's positions: each strategy's share of the book (its focus symbols first), sized from
// its account's cash, at the desk's marks, with a cost basis some way off the mark.
import { Dec } from '../../../../shared/decimal';
import { LifeboatError } from '../../../../shared/result';
import * as inst from '../instruments';
import type { Rng } from '../rng';
import { fmt, mulBps } from '../fixed';
import { insertPosition } from './bulk-sql';
import type { Desk } from './desk';
import { DAY } from './profile';

export function buildPositions(desk: Desk, r: Rng): void {
  const { book, profile } = desk;
  const weights = desk.strategies.map((s) => (s.spec.status === 'stopped' ? 0.3 : 0.5) + r.float());
  const caps = desk.strategies.map((s) => s.universe.length);
  const perStrategy = allocate(profile.positions, weights, caps);
  const avgNotionalUsd = averageNotionals(desk, perStrategy, r);
  const report = desk.batchProgress(500, () => `positions ${desk.counts.positions}/${profile.positions}`);
  desk.strategies.forEach((st, k) => {
    const n = perStrategy[k];
    const focus = st.spec.focus.filter((f) => st.universe.includes(f));
    const others = r.sample(st.universe.filter((s) => !focus.includes(s)), Math.max(0, n - focus.length));
    const symbols = [...focus, ...others].slice(0, n);
    const spec = st.spec.account;
    for (const symbol of symbols) {
      const i = book.info(symbol);
      const last = book.mark(symbol, r);
      const avg = avgNotionalUsd.get(spec.accountId)!;
      const notionalUsd = r.int(Math.floor(avg / 5), Math.floor(avg * 1.8));
      const qs = i.crypto ? (r.chance(0.05) ? 18 : 8) : spec.fractional && r.chance(0.12) ? 4 : 0;
      let q = book.lots(i, last, notionalUsd, qs);
      if (spec.accountType === 'margin' && r.chance(0.15)) q = -q; // a short
      // The cost basis at two more places than the tick: an average of several fills.
      const avgPx = mulBps(last * 100n, r.int(-1800, 1800));
      const quantity = fmt(q, qs);
      const lastPrice = fmt(last, i.ps);
      insertPosition(desk.bulk, {
        accountId: spec.accountId,
        strategyId: st.spec.strategyId,
        symbol,
        quantity,
        avgPrice: avgPx > 0n ? fmt(avgPx, i.ps + 2) : lastPrice,
        lastPrice,
        currency: i.currency,
        updatedAt: desk.iso(desk.asOfMs - r.int(1000, (st.spec.status === 'running' ? 3 : 10) * DAY)),
      });
      st.held.push(symbol);
      const value = inst.convert(new Dec(quantity).times(lastPrice), i.currency, spec.baseCurrency);
      if (value) st.positionsValue = st.positionsValue.plus(value);
      desk.counts.positions++;
      report.add(1);
    }
  });
  report.flush();
}

/** Per account, the average position size in USD: the book is worth 2–5 times the cash it holds. */
function averageNotionals(desk: Desk, perStrategy: number[], r: Rng): Map<string, number> {
  const avgNotionalUsd = new Map<string, number>();
  for (const spec of desk.specs) {
    const cashUsd = desk.cashValue(spec.accountId, 'USD');
    const count = desk.strategies.reduce((n, st, k) => n + (st.spec.account === spec ? perStrategy[k] : 0), 0);
    const book = cashUsd.times(r.int(200, 500)).div(100);
    avgNotionalUsd.set(spec.accountId, Math.max(500, book.div(Math.max(1, count)).floor().toNumber()));
  }
  return avgNotionalUsd;
}

/** Splits `total` by weight, never above a cap per slot. */
export function allocate(total: number, weights: number[], caps: number[]): number[] {
  const out = weights.map(() => 0);
  let left = total;
  while (left > 0) {
    const open = out.map((_, i) => i).filter((i) => out[i] < caps[i]);
    if (open.length === 0) throw new LifeboatError('internal', `cannot place ${total} items within the caps`);
    const wsum = open.reduce((s, i) => s + weights[i], 0);
    let given = 0;
    for (const i of open) {
      const share = Math.min(caps[i] - out[i], Math.floor((left * weights[i]) / wsum));
      out[i] += share;
      given += share;
    }
    // Shares all rounded down to nothing: hand out the remainder one at a time.
    if (given === 0) {
      for (const i of open) {
        if (given === left) break;
        out[i]++;
        given++;
      }
    }
    left -= given;
  }
  return out;
}
