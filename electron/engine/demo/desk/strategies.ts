// The desk's strategies: the named six and the large desk's generated ones, which of them are
// halted, each one's share of its account's cash, and its initial state document.
import type { StrategyStatus } from '../../../../shared/domain';
import { Dec, toStored } from '../../../../shared/decimal';
import { LifeboatError } from '../../../../shared/result';
import type { Rng } from '../rng';
import { initialState } from '../strategy-state';
import type { Universes } from './accounts-catalog';
import type { Desk } from './desk';
import { DAY } from './profile';
import { CRYPTO_TEMPLATES, EQUITY_TEMPLATES, HALTED_STRATEGY, NAMED, isNamed, strategyIdOf, type StrategySpec } from './strategy-catalog';
import { isCatalogued } from './universes';

export function buildStrategies(desk: Desk, r: Rng, u: Universes): void {
  const specs = strategySpecs(desk, r, u);
  // Halts: the named breakout strategy (daily loss) everywhere; on the large desk also one
  // generated strategy (drawdown) and the Kraken account (operator halt).
  desk.halted.add(HALTED_STRATEGY);
  if (desk.size === 'large') {
    const candidates = specs.filter((s) => s.status === 'running' && !isNamed(s.name));
    if (candidates.length > 0) desk.halted.add(r.pick(candidates).name);
  }
  // Allocate each account's base-currency cash among its strategies (90% of it, by weight).
  const weights = specs.map(() => r.int(500, 3000));
  for (const account of desk.specs) {
    const base = desk.accountCash.get(account.accountId)!.find((b) => b.currency === account.baseCurrency)!;
    const mine = specs.map((s, i) => (s.account === account ? weights[i] : 0));
    const total = mine.reduce((a, b) => a + b, 0);
    specs.forEach((spec, i) => {
      if (spec.account !== account) return;
      const startedAtMs = desk.asOfMs - (desk.profile.historyDays + r.int(5, 400)) * DAY - r.int(0, DAY);
      const updatedAtMs =
        spec.status === 'running'
          ? desk.asOfMs - r.int(1000, 5 * 60_000)
          : desk.asOfMs - r.int(spec.status === 'paused' ? 1 : 4, spec.status === 'paused' ? 3 : 9) * DAY;
      const state = initialState(spec, { rng: r, asOfMs: updatedAtMs, currency: account.baseCurrency, startedAtMs });
      desk.store.putStrategy({
        strategyId: spec.strategyId,
        accountId: account.accountId,
        name: spec.name,
        status: spec.status,
        cash: toStored(new Dec(base.amount).times(mine[i]).times('0.9').div(total), 2),
        state,
        updatedAt: desk.iso(updatedAtMs),
      });
      desk.strategies.push({
        spec,
        universe: account.universe(u),
        held: [],
        clientSeq: r.int(1000, 90_000),
        positionsValue: new Dec(0),
        openAllowed: spec.status === 'running' && !desk.halted.has(spec.name) && !desk.isHaltedAccount(account.accountId),
      });
    });
  }
}

/** The named strategies, then each account's generated ones (unique names, real symbols only). */
function strategySpecs(desk: Desk, r: Rng, u: Universes): StrategySpec[] {
  const specs: StrategySpec[] = [];
  const names = new Set<string>();
  for (const [name, family, timeframe, focus, account, status] of NAMED) {
    specs.push({ strategyId: strategyIdOf(name), name, family, timeframe, focus, account, status });
    names.add(name);
  }
  for (const account of desk.specs) {
    const extra = desk.profile.extraStrategies[account.accountId] ?? 0;
    const real = account.universe(u).filter(isCatalogued);
    const templates = account.kind === 'crypto' ? CRYPTO_TEMPLATES : EQUITY_TEMPLATES;
    let made = 0;
    let attempts = 0;
    while (made < extra) {
      if (++attempts > 10_000) throw new LifeboatError('internal', `could not name ${extra} strategies for ${account.accountId}`);
      const t = r.pick(templates)(r, real);
      if (names.has(t.name)) continue;
      names.add(t.name);
      const status = r.weighted<StrategyStatus>([
        ['running', 85],
        ['paused', 10],
        ['stopped', 5],
      ]);
      specs.push({ ...t, strategyId: strategyIdOf(t.name), account, status });
      made++;
    }
  }
  return specs;
}
