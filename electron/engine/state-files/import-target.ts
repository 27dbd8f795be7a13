// Where a parsed state file goes (which account, which strategy) and the checks that need the
// database: a negative balance or a short in a cash account, an order id owned by another strategy.
// Runs inside the import transaction, before anything is written.
import type { Account, Strategy } from '../../../shared/domain';
import { Dec } from '../../../shared/decimal';
import { LifeboatError } from '../../../shared/result';
import type { LiveStore } from '../live/live-store';
import { problemsError, type FieldProblem } from './json-fields';
import { formatPath, type JsonPath } from './json-locate';
import type { ParsedStateFile } from './state-file-types';

export interface ImportTarget {
  account: Account;
  strategyId: string;
  /** null when the import creates the strategy. */
  existing: Strategy | null;
}

export function resolveTarget(store: LiveStore, file: ParsedStateFile, accountOption?: string): ImportTarget {
  const label = file.format === 'strategy-checkpoint' ? file.strategyName : file.simulatorId;
  if (accountOption && file.accountId && accountOption !== file.accountId) {
    throw new LifeboatError(
      'bad_request',
      `account_id is ${file.accountId}, but the import names account ${accountOption}; drop one or make them agree`,
      file.where(['account_id']),
    );
  }
  const wanted = accountOption ?? file.accountId;
  const wantedAccount = wanted ? store.account(wanted) : null;
  if (wanted && !wantedAccount) {
    const [field, where] = accountOption ? ['--account', file.fileName] : ['account_id', file.where(['account_id'])];
    throw new LifeboatError('bad_request', `${field}: no account ${wanted} in this state folder`, where);
  }
  const existing =
    file.format === 'strategy-checkpoint'
      ? store.strategyByName(file.strategyName)
      : store.strategy(file.simulatorId) ?? store.strategyByName(file.simulatorId);
  if (existing) {
    if (wantedAccount && existing.accountId !== wantedAccount.accountId) {
      throw new LifeboatError(
        'bad_request',
        `strategy ${label} belongs to account ${existing.accountId}, not ${wantedAccount.accountId}`,
        file.fileName,
      );
    }
    const account = store.account(existing.accountId);
    if (!account) throw new LifeboatError('internal', `strategy ${label} has no account ${existing.accountId}`, file.fileName);
    return { account, strategyId: existing.strategyId, existing };
  }
  if (!wantedAccount) {
    throw new LifeboatError(
      'bad_request',
      `unknown strategy ${label}: name an account with --account or account_id`,
      file.where(file.format === 'strategy-checkpoint' ? ['strategy_name'] : ['simulator_id']),
    );
  }
  return { account: wantedAccount, strategyId: newStrategyId(store, file), existing: null };
}

/** A new strategy's id: the simulator id, or a slug of the strategy name, made unique. */
function newStrategyId(store: LiveStore, file: ParsedStateFile): string {
  const base =
    file.format === 'execution-checkpoint'
      ? file.simulatorId
      : file.strategyName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'strategy';
  let id = base;
  for (let n = 2; store.strategy(id); n++) id = `${base}-${n}`;
  return id;
}

/** Refuses what the account or the other strategies do not allow; names every problem's path. */
export function checkAgainstStore(store: LiveStore, file: ParsedStateFile, target: ImportTarget): void {
  const problems: FieldProblem[] = [];
  const fail = (path: JsonPath, message: string) =>
    problems.push({ path: formatPath(path), where: file.where(path), message });
  const { account, strategyId } = target;

  if (account.accountType === 'cash') {
    if (new Dec(file.cash).isNegative()) {
      fail(file.cashPath, `${file.cash} is a negative cash balance, and ${account.accountId} is a cash account`);
    }
    for (const p of file.positions) {
      if (new Dec(p.quantity).isNegative()) {
        fail(p.quantityPath, `${p.symbol} ${p.quantity} is a short position, and ${account.accountId} is a cash account`);
      }
    }
  }
  const brokerIdOwner = store.db.prepare(
    'SELECT order_id, strategy_id, is_open FROM orders WHERE account_id = ? AND broker_order_id = ? AND order_id <> ?',
  );
  for (const o of [...file.openOrders, ...file.completedOrders]) {
    const stored = store.order(o.orderId);
    if (stored && stored.strategyId !== strategyId) {
      fail([...o.path, 'order_id'], `order id ${JSON.stringify(o.orderId)} already belongs to strategy ${stored.strategyId}`);
    }
    if (o.brokerOrderId) {
      const other = brokerIdOwner.get(account.accountId, o.brokerOrderId, o.orderId) as
        | { order_id: string; strategy_id: string; is_open: number }
        | undefined;
      // An open order of this strategy is replaced by the import, so its broker id is free again.
      if (other && !(other.strategy_id === strategyId && other.is_open === 1)) {
        fail(
          [...o.path, 'broker_order_id'],
          `broker order id ${JSON.stringify(o.brokerOrderId)} is already used by order ${other.order_id} in account ${account.accountId}`,
        );
      }
    }
  }
  if (problems.length > 0) throw problemsError(problems.slice(0, 50), problems.length);
}
