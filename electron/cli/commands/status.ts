import { expectPositionals } from '../args';
import { table } from '../output';
import type { Command } from '../command';
import { startupLine } from './recover-text';

export const status: Command = {
  path: ['status'],
  summary: 'Summarise the desk: accounts, strategies, positions, open orders, balances, last activity',
  usage: 'lifeboat status [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const [status, startup] = await ctx.read(async (engine) => [await engine.call('desk.status', {}), await engine.call('recovery.startup', {})] as const);
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
      const line = startupLine(startup);
      return (line ? [line, ...lines] : lines).join('\n');
    });
  },
};
