// `lifeboat recover damaged-database`: the damaged-database playbook, step by step. Steps 1 and 2
// (confirm the fault, take the lease) only look and lock; the steps that change the desk wait for
// --yes: without it the plan is printed and the exit is 2. --drill runs it all on a sandbox copy.
// Also what lost-wal and unclean-shutdown fall through to (runDamagedDatabase).
import { expectPositionals } from '../args';
import type { Command } from '../command';
import type { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { damagedDatabase, newDamagedDatabaseState, NothingToRecover, releaseDamagedDatabase, type DamagedDatabaseState } from '../../engine/recovery/playbooks/damaged-database';
import { practiseDamagedDatabase } from '../../engine/recovery/playbooks/practise';
import type { RecoveryRecord } from '../../../shared/api/recovery';
import { runPlaybook } from '../../engine/recovery/playbooks/playbook';
import { hooks, lookingSteps, measured, pauseHook, planText } from './recover-text';

const LOOKING = lookingSteps(damagedDatabase as never);

function summary(r: RecoveryRecord): string {
  return [
    `Recovered: the desk is back at snapshot ${r.restoredFrom?.snapshotId} of ${r.restoredFrom?.destination} (${r.restoredPointTime}).`,
    `Damaged files kept in ${r.damagedFiles}.`,
    ...measured(r),
  ].join('\n');
}

async function drill(ctx: CommandContext): Promise<number> {
  let sandbox = '';
  const outcome = await practiseDamagedDatabase(ctx.stateDir, hooks(ctx, damagedDatabase as never, 'drill '), (dir, fault) => {
    sandbox = dir;
    if (!ctx.out.json) process.stdout.write(`Drill: copied the desk to ${dir} and overwrote ${fault.bytes} bytes of its lifeboat.db at offset ${fault.offset}; the live desk is not touched.\n`);
  });
  const { fault, steps, record } = outcome;
  if (!outcome.passed || !record) {
    ctx.out.result({ drill: true, sandbox, fault, detected: false }, () => `Drill failed: ${outcome.failure}.`);
    return EXIT.verificationFailed;
  }
  ctx.out.result({ drill: true, sandbox, fault, steps, record }, () => `Drill passed.\n${summary(record)}\n(The sandbox is removed; the live desk was only read.)`);
  return EXIT.ok;
}

/**
 * Runs damaged-database on `state`: the looking steps, then (with `yes`) the rest. Also how
 * another playbook falls through to it (`extra` goes into its JSON document).
 */
export async function runDamagedDatabase(ctx: CommandContext, state: DamagedDatabaseState, yes: boolean, extra: Record<string, unknown> = {}): Promise<number> {
  const h = hooks(ctx, damagedDatabase as never, '', { paths: state.paths, holdsLease: () => state.lease !== null });
  if (!ctx.out.json) process.stdout.write(`Playbook: ${damagedDatabase.title} (${damagedDatabase.id}), ${damagedDatabase.steps.length} steps, on ${state.paths.dir}\n`);
  try {
    let looked;
    try {
      looked = await runPlaybook(damagedDatabase, state, { to: LOOKING }, h);
    } catch (err) {
      if (!(err instanceof NothingToRecover)) throw err;
      ctx.out.result({ playbook: damagedDatabase.id, stateDir: state.paths.dir, damaged: false, evidence: err.reason, ...extra }, () => `${err.reason[0].toUpperCase()}${err.reason.slice(1)}`);
      return EXIT.ok;
    }
    if (!yes) {
      const rest = planText(damagedDatabase as never, LOOKING);
      ctx.out.result({ playbook: damagedDatabase.id, stateDir: state.paths.dir, damaged: true, evidence: state.evidence, ran: looked, plan: rest, confirmed: false, ...extra }, () => [...rest, 'Nothing was changed: give --yes to run it.'].join('\n'));
      if (!ctx.out.json) process.stderr.write('lifeboat: the playbook changes the desk from step 3 on: give --yes to run it\n');
      return EXIT.usage;
    }
    const ran = await runPlaybook(damagedDatabase, state, { from: LOOKING + 1 }, h);
    ctx.out.result({ playbook: damagedDatabase.id, stateDir: state.paths.dir, damaged: true, steps: [...looked, ...ran], record: state.record, ...extra }, () => summary(state.record!));
    return EXIT.ok;
  } finally {
    releaseDamagedDatabase(state);
  }
}

export const recoverDamagedDatabase: Command = {
  path: ['recover', 'damaged-database'],
  summary: 'Playbook: confirm the database is damaged, move it aside into damaged/<time>/, restore the newest backup snapshot, verify it and record RTO/RPO (--yes to change the desk, --drill to practise on a copy)',
  usage: 'lifeboat recover damaged-database [--state DIR] [--json] [--yes] [--drill]',
  flags: { yes: { type: 'boolean' }, drill: { type: 'boolean' } },
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    if (ctx.parsed.values.drill) return drill(ctx);
    return runDamagedDatabase(ctx, newDamagedDatabaseState(ctx.stateDir, { pauseBefore: pauseHook() }), ctx.parsed.values.yes === true);
  },
};

