import { expectPositionals } from '../args';
import { table } from '../output';
import type { Command } from '../command';

export const status: Command = {
  path: ['status'],
  summary: 'Summarise the desk: accounts, strategies, positions, open orders, balances, last activity',
  usage: 'lifeboat status [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const status = await ctx.read((engine) => engine.call('desk.status', {}));
    ctx.out.result(status, () => {
      const c = status.counts;
      const lines = [
        `State folder  ${status.stateDir}`,
        `Desk          ${c.accounts} accounts, ${c.strategies} strategies, ${c.positions} positions, ` +
          `${c.orders} orders (${c.openOrders} open), ${c.auditEntries} audit entries`,
        `Last activity ${status.lastActivity ?? 'none'}`,
        `Settings hash ${status.settingsHash.slice(0, 16)}`,
        '',
        table(
          ['account', 'kind', 'trading', 'positions', 'open orders', 'strategies', 'cash'],
          status.accounts.map((a) => [
            a.account.accountId,
            `${a.account.kind}/${a.account.accountType}`,
            a.tradingEnabled ? 'enabled' : `HALTED${a.haltReason ? ` (${a.haltReason})` : ''}`,
            String(a.positions),
            String(a.openOrders),
            `${a.strategies.running}/${a.strategies.total}`,
            a.cash.map((b) => `${b.amount} ${b.currency}`).join(', '),
          ]),
          [3, 4],
        ),
      ];
      return lines.join('\n');
    });
  },
};
