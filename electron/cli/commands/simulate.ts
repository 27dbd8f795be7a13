import { expectPositionals, intFlag } from '../args';
import type { Command } from '../command';
import { UsageError } from '../exit-codes';

export const simulate: Command = {
  path: ['simulate'],
  summary: 'Trade like a bot: orders, fills, cancels, price moves; one transaction per tick',
  usage: 'lifeboat simulate --state DIR --ticks N [--seed N] [--interval-ms N] [--json]',
  flags: { ticks: { type: 'string' }, seed: { type: 'string' }, 'interval-ms': { type: 'string' } },
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const ticks = intFlag(ctx.parsed.values.ticks, 'ticks', { min: 1, max: 10_000_000 });
    if (ticks === undefined) throw new UsageError(`--ticks is required: ${this.usage}`);
    const seed = intFlag(ctx.parsed.values.seed, 'seed', { min: 0, max: 2 ** 31 - 1 });
    const intervalMs = intFlag(ctx.parsed.values['interval-ms'], 'interval-ms', { min: 0, max: 60_000 }) ?? 0;
    const job = await ctx.writeJob('simulate.start', { ticks, seed, intervalMs }, 'cli simulate');
    const result = job.result;
    ctx.out.result({ jobId: job.jobId, ...result }, () =>
      `Simulated ${result.ticks} ticks (seed ${result.seed}): ${result.created} orders placed, ${result.filled} filled, ` +
      `${result.partiallyFilled} partly filled, ${result.cancelled} cancelled.`,
    );
  },
};
