// `lifeboat recover ID [--FIELD VALUE ...] [--yes] [--json]`: every playbook that runs on an open
// desk (recovery/desk/registry.ts), each of its fields a flag (a boolean field a bare flag), run
// as the console's `recovery.run` job (ctx.writeJob: a console holding the desk gets the request).
// Without --yes the steps before the first that waits for a person run, the rest of the plan is
// printed, and the exit is 2 (as recover-in-place.ts); with --yes every step runs.
import type { PlaybookInput } from '../../../shared/api/recovery';
import { LifeboatError } from '../../../shared/result';
import { expectPositionals, type FlagSpec } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../exit-codes';
import type { DeskPlaybook } from '../../engine/recovery/desk/desk-playbook';
import { DESK_PLAYBOOKS } from '../../engine/recovery/desk/registry';

export function deskPlaybookCommand(p: DeskPlaybook<unknown>): Command {
  const flags: FlagSpec = { yes: { type: 'boolean' } };
  for (const f of p.fields) flags[f.name] = { type: f.kind === 'boolean' ? 'boolean' : 'string' };
  const fieldUsage = p.fields.map((f) => (f.kind === 'boolean' ? `[--${f.name}]` : f.required ? `--${f.name} VALUE` : `[--${f.name} VALUE]`)).join(' ');
  return {
    path: ['recover', p.id],
    summary: `Playbook: ${p.purpose} (--yes to run the steps that wait for a person)`,
    usage: `lifeboat recover ${p.id} ${fieldUsage} [--state DIR] [--json] [--yes]`.replace(/ +/g, ' '),
    flags,
    async run(ctx) {
      expectPositionals(ctx.parsed, 0, this.usage);
      const input: PlaybookInput = {};
      for (const f of p.fields) {
        const v = ctx.parsed.values[f.name];
        if (typeof v === 'string' || typeof v === 'boolean') input[f.name] = v;
        else if (f.required) throw new UsageError(`--${f.name} is required (${f.help}): ${this.usage}`);
      }
      const yes = ctx.parsed.values.yes === true;
      let job;
      try {
        job = await ctx.writeJob('recovery.run', { playbook: p.id, input, yes, stopAtWaiting: !yes }, `cli recover ${p.id}`);
      } catch (err) {
        if (err instanceof LifeboatError && err.code === 'conflict' && err.reason.startsWith('nothing to recover')) {
          ctx.out.result({ playbook: p.id, found: false, evidence: err.reason }, () => `${err.reason[0].toUpperCase()}${err.reason.slice(1)}`);
          return EXIT.ok;
        }
        throw err;
      }
      const r = job.result;
      const line = (s: (typeof r.plan.steps)[number]) =>
        `step ${s.n}/${r.plan.steps.length} (${s.auto ? 'runs by itself' : `waits for --yes (in the console: type ${s.confirmWord})`}): ${s.says}`;
      const ran = r.steps.map((s, i) => `${line(r.plan.steps[i])}\n  ${s.state}: ${s.message ?? ''}`);
      if (!r.confirmed) {
        const rest = r.plan.steps.slice(r.steps.length).map(line);
        ctx.out.result({ ...r, stateDir: ctx.stateDir }, () => [...ran, '', 'Waiting for --yes:', ...rest, 'Nothing after them was run: give --yes to run it.'].join('\n'));
        if (!ctx.out.json) process.stderr.write(`lifeboat: the playbook changes the desk from step ${r.steps.length + 1} on: give --yes to run it\n`);
        return EXIT.usage;
      }
      ctx.out.result({ ...r, stateDir: ctx.stateDir }, () => [...ran, '', r.summary].join('\n'));
      return EXIT.ok;
    },
  };
}

export const deskPlaybookCommands: Command[] = DESK_PLAYBOOKS.map((p) => deskPlaybookCommand(p));
