import { expectPositionals } from '../args';
import type { Command } from '../command';
import { EXIT } from '../exit-codes';
import { table } from '../output';

export const stateCheck: Command = {
  path: ['state', 'check'],
  summary: 'Check the live rows against the state hash Lifeboat kept; name rows written outside it (exit 3)',
  usage: 'lifeboat state check [--repair] [--state DIR] [--json]',
  flags: { repair: { type: 'boolean' } },
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    if (ctx.parsed.values.repair === true) {
      const repaired = await ctx.write('state.repair', {}, 'cli state repair');
      ctx.out.result(repaired, () => `Put back ${repaired.restored} row(s) as Lifeboat wrote them; what was found is in audit entry ${repaired.auditSeq}. The live state matches its state hash again.`);
      return EXIT.ok;
    }
    const check = await ctx.read((engine) => engine.call('state.check', {}));
    ctx.out.result(check, () => {
      if (check.ok) return `Live state intact: ${check.rows.toLocaleString('en-US')} rows match the state hash Lifeboat kept.`;
      const lines = [
        `Live rows differ from the state hash Lifeboat kept in ${check.tables.map((t) => t.table).join(', ')}: they were written outside Lifeboat.`,
      ];
      if (check.differences.length) {
        lines.push('', table(['table', 'row', 'how'], check.differences.map((d) => [d.table, d.key.replace(/\u001f/g, ' / '), d.kind])));
        if (check.truncated) lines.push(`(the first ${check.differences.length} shown)`);
      }
      if (check.note) lines.push('', check.note);
      lines.push('', 'Put the rows back as Lifeboat wrote them with `lifeboat state check --repair` (audited, with what was found). Until then no whole checkpoint is taken and rollbacks are refused.');
      return lines.join('\n');
    });
    return check.ok ? EXIT.ok : EXIT.verificationFailed;
  },
};
