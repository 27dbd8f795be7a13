import { expectPositionals, intFlag, stringFlag } from '../args';
import type { Command } from '../command';
import { EXIT } from '../exit-codes';
import { table } from '../output';

export const auditVerify: Command = {
  path: ['audit', 'verify'],
  summary: 'Check the audit chain; exit 3 naming the first bad entry',
  usage: 'lifeboat audit verify [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const result = await ctx.read((engine) => engine.call('audit.verify', {}));
    ctx.out.result(result, () =>
      result.ok
        ? `Audit chain intact: ${result.entries} entries, head #${result.headSeq ?? 0}.`
        : `AUDIT CHAIN BROKEN at entry #${result.firstBad!.seq}: ${result.firstBad!.reason}.`,
    );
    return result.ok ? EXIT.ok : EXIT.verificationFailed;
  },
};

export const auditList: Command = {
  path: ['audit', 'list'],
  summary: 'List audit entries, newest first',
  usage: 'lifeboat audit list [--limit N] [--action ACTION] [--state DIR] [--json]',
  flags: { limit: { type: 'string' }, action: { type: 'string' } },
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const limit = intFlag(ctx.parsed.values.limit, 'limit', { min: 1, max: 5000 }) ?? 50;
    const action = stringFlag(ctx.parsed.values.action);
    const page = await ctx.read((engine) => engine.call('audit.list', { limit, action }));
    ctx.out.result(page, () =>
      table(
        ['seq', 'at', 'who', 'what', 'details'],
        page.entries.map((e) => [String(e.seq), e.at, e.actor, e.action, JSON.stringify(e.details).slice(0, 80)]),
        [0],
      ),
    );
  },
};
