// The desk's accounts, their cash balances, and a broker order id source per account.
import type { Account } from '../../../../shared/domain';
import { Dec, toStored } from '../../../../shared/decimal';
import { krakenOrderId } from '../order-ids';
import type { Rng } from '../rng';
import type { AccountSpec } from './accounts-catalog';
import type { CashBalance, Desk } from './desk';
import { DAY, HOUR } from './profile';

export function buildAccounts(desk: Desk, r: Rng): void {
  const { profile, store } = desk;
  for (const spec of desk.specs) {
    const account: Account = {
      accountId: spec.accountId,
      name: spec.name,
      broker: spec.broker,
      kind: spec.kind,
      accountType: spec.accountType,
      baseCurrency: spec.baseCurrency,
      createdAt: desk.iso(desk.asOfMs - (profile.historyDays + r.int(60, 900)) * DAY - r.int(0, DAY)),
    };
    store.putAccount(account);
    const balances: CashBalance[] = [];
    for (const [currency, min, max, scale] of spec.cash) {
      const m = profile.cashMultiplier;
      const amount = r.decimal(toStored(new Dec(min).times(m)), toStored(new Dec(max).times(m)), scale);
      store.setCash(spec.accountId, currency, amount, desk.iso(desk.asOfMs - r.int(1000, 6 * HOUR)));
      balances.push({ currency, amount });
      desk.counts.cashBalances++;
    }
    desk.accountCash.set(spec.accountId, balances);
    desk.brokerIds.set(spec.accountId, brokerIdSource(spec, r.fork(`broker-ids-${spec.accountId}`)));
  }
}

/** Broker order ids in the broker's style: rising numbers, or random ids never repeated. */
function brokerIdSource(spec: AccountSpec, r: Rng): () => string {
  const ids = spec.brokerIds;
  if (ids.style === 'numeric') {
    let next = r.int(ids.start[0], ids.start[1]);
    return () => {
      next += r.int(1, ids.step);
      return String(next);
    };
  }
  const seen = new Set<string>();
  const gen = ids.style === 'kraken' ? () => krakenOrderId(r) : () => r.uuid();
  return () => {
    let id = gen();
    while (seen.has(id)) id = gen();
    seen.add(id);
    return id;
  };
}
