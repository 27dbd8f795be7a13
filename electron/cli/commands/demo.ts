import { join } from 'node:path';
import { choiceFlag, expectPositionals, intFlag, stringFlag } from '../args';
import type { Command } from '../command';
import { UsageError } from '../exit-codes';
import { Engine } from '../../engine/engine';
import { generateDesk } from '../../engine/demo/generate-desk';
import { table } from '../output';
import { DEMO_BROKER_FOLDER, writeDemoSnapshots } from '../../engine/demo/broker-snapshots/write-demo-snapshots';

/** The default "now" of a demo desk: fixed, so the same seed always gives the same desk. */
export const DEMO_AS_OF = '2026-11-20T21:00:00.000Z';

export const demo: Command = {
  path: ['demo'],
  summary: 'Build a demo desk in a new state folder',
  usage: 'lifeboat demo --state DIR [--size small|large] [--seed N] [--as-of ISO|now] [--json]',
  flags: { size: { type: 'string' }, seed: { type: 'string' }, 'as-of': { type: 'string' } },
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const size = choiceFlag(ctx.parsed.values.size, 'size', ['small', 'large'] as const) ?? 'small';
    const seed = intFlag(ctx.parsed.values.seed, 'seed', { min: 0, max: 2 ** 31 - 1 }) ?? 1;
    const asOf = parseAsOf(stringFlag(ctx.parsed.values['as-of']));
    const engine = Engine.open({ stateDir: ctx.stateDir, mode: 'write', purpose: 'cli demo', create: true, workers: ctx.workers });
    try {
      const started = Date.now();
      const summary = generateDesk(engine.store, { size, seed, asOf }, (done, total, message) => {
        if (!ctx.out.json && process.stderr.isTTY) process.stderr.write(`\r${message} (${done}/${total})   `);
      });
      if (!ctx.out.json && process.stderr.isTTY) process.stderr.write('\n');
      const brokerSnapshots = writeDemoSnapshots(engine, seed, summary.asOf);
      const result = { stateDir: engine.paths.dir, ...summary, brokerSnapshots: brokerSnapshots.map((f) => ({ ...f, file: join(engine.paths.dir, DEMO_BROKER_FOLDER, f.file) })), seconds: Math.round((Date.now() - started) / 100) / 10 };
      ctx.out.result(result, () =>
        [
          `Demo desk (${size}, seed ${seed}) in ${engine.paths.dir}`,
          table(
            ['accounts', 'strategies', 'positions', 'orders', 'open orders'],
            [[summary.accounts, summary.strategies, summary.positions, summary.orders, summary.openOrders].map(String)],
            [0, 1, 2, 3, 4],
          ),
          `Broker snapshots with planted differences: ${join(engine.paths.dir, DEMO_BROKER_FOLDER)} (${brokerSnapshots.map((f) => f.file).join(', ')})`,
          `Built in ${result.seconds} s. Next: lifeboat serve --state ${engine.paths.dir}`,
        ].join('\n'),
      );
    } finally {
      await engine.close();
    }
  },
};

function parseAsOf(value: string | undefined): string {
  if (value === undefined) return DEMO_AS_OF;
  if (value === 'now') return new Date().toISOString();
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(time)) {
    throw new UsageError(`--as-of takes an ISO time like 2026-11-20T21:00:00Z or "now", got "${value}"`);
  }
  return new Date(time).toISOString();
}
