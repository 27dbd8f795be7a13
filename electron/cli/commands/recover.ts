// `lifeboat recover damaged-database`: the damaged-database playbook, step by step. Steps 1 and 2
// (confirm the fault, take the lease) only look and lock; the steps that change the desk wait for
// --yes: without it the plan is printed and the exit is 2. --drill runs it all on a sandbox copy.
import type { StepReport } from '../../../shared/api/jobs';
import type { RecoveryEscalation } from '../../../shared/api/recovery';
import { expectPositionals } from '../args';
import type { Command } from '../command';
import type { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { damagedDatabase, newDamagedDatabaseState, NothingToRecover, releaseDamagedDatabase, type DamagedDatabaseState } from '../../engine/recovery/playbooks/damaged-database';
import { drillSandbox, injectDamage } from '../../engine/recovery/playbooks/drill';
import { escalate, readDeskAlerting } from '../../engine/recovery/playbooks/escalation';
import { planOf, runPlaybook, type PlannedStep, type RunHooks } from '../../engine/recovery/playbooks/playbook';
import type { StateFolder } from '../../engine/store/state-folder';

const TOTAL = damagedDatabase.steps.length;
/** The steps that only look (and lock): they run without --yes. */
const LOOKING = damagedDatabase.steps.findIndex((s) => !s.auto);

const tag = (s: PlannedStep) => (s.auto ? 'runs by itself' : 'waits for --yes');

/** Test hook: LIFEBOAT_TEST_PAUSE_BEFORE=<step id> prints "paused before <id>" and waits to be killed. */
function pauseHook(): DamagedDatabaseState['pauseBefore'] {
  const at = process.env.LIFEBOAT_TEST_PAUSE_BEFORE;
  if (!at) return undefined;
  return (id) => {
    if (id !== at) return;
    process.stdout.write(`paused before ${id}\n`);
    return new Promise<void>(() => setInterval(() => undefined, 1 << 30));
  };
}

function hooks(ctx: CommandContext, prefix = '', escalation?: { paths: StateFolder; holdsLease: () => boolean }): RunHooks {
  const say = (line: string) => {
    if (!ctx.out.json) process.stdout.write(`${prefix}${line}\n`);
  };
  // Read when the run starts: once the database is aside or found damaged its settings may not read.
  const alerting = escalation ? readDeskAlerting(escalation.paths) : null;
  return {
    before: (s) => say(`step ${s.n}/${TOTAL} (${tag(s)}): ${s.says}`),
    after: (_s, r) => say(`  ok: ${r.message}`),
    escalate: escalation
      ? async (f) => {
          const e = await escalate(escalation.paths, alerting!, f, { holdsLease: escalation.holdsLease });
          process.stderr.write(`${alertText(e)}\n`);
        }
      : undefined,
  };
}

/** What the console says when a step is escalated: the alert, and where it went. */
function alertText(e: RecoveryEscalation): string {
  const sent = e.alerts.map((a) => `${a.to} ${a.target}: ${a.delivered ? 'delivered' : `not delivered (${a.detail})`}`);
  return [
    `ALERT: playbook ${e.playbook} escalated at step ${e.step} after ${e.attempts} attempt${e.attempts === 1 ? '' : 's'}: ${e.error}`,
    `  alerts: ${sent.length ? sent.join('; ') : 'none configured (settings alerts.command, alerts.webhook)'}`,
    ...e.alertProblems.map((p) => `  alerts: ${p}`),
    `  audit trail: ${e.audit.written ? 'recovery.escalated recorded' : `not written: ${e.audit.reason}`}; recovery-history.jsonl: recorded`,
  ].join('\n');
}

function summary(s: DamagedDatabaseState): string {
  const r = s.record!;
  return [
    `Recovered: the desk is back at snapshot ${s.restored!.snapshotId} of ${s.restored!.destination} (${r.restoredPointTime}).`,
    `Damaged files kept in ${r.damagedFiles}.`,
    `detected ${r.detectedAt}, started ${r.startedAt}, verified ${r.verifiedAt}`,
    `RTO ${r.rtoSeconds.toFixed(2)} s (detection to verified recovery)`,
    `RPO ${r.rpoSeconds.toFixed(0)} s (detection minus the restored point's time)`,
  ].join('\n');
}

async function drill(ctx: CommandContext): Promise<number> {
  const sandbox = drillSandbox(ctx.stateDir);
  try {
    const fault = injectDamage(`${sandbox.dir}/lifeboat.db`);
    if (!ctx.out.json) process.stdout.write(`Drill: copied the desk to ${sandbox.dir} and overwrote ${fault.bytes} bytes of its lifeboat.db at offset ${fault.offset}; the live desk is not touched.\n`);
    const state = newDamagedDatabaseState(sandbox.dir);
    try {
      const steps = await runPlaybook(damagedDatabase, state, {}, hooks(ctx, 'drill '));
      ctx.out.result({ drill: true, sandbox: sandbox.dir, fault, steps, record: state.record }, () => `Drill passed.\n${summary(state)}\n(The sandbox is removed; the live desk was only read.)`);
      return EXIT.ok;
    } catch (err) {
      if (err instanceof NothingToRecover) {
        ctx.out.result({ drill: true, sandbox: sandbox.dir, fault, detected: false }, () => `Drill failed: the injected damage was not detected (${err.reason}).`);
        return EXIT.verificationFailed;
      }
      throw err;
    } finally {
      releaseDamagedDatabase(state);
    }
  } finally {
    sandbox.dispose();
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
    const state = newDamagedDatabaseState(ctx.stateDir, { pauseBefore: pauseHook() });
    const h = hooks(ctx, '', { paths: state.paths, holdsLease: () => state.lease !== null });
    if (!ctx.out.json) process.stdout.write(`Playbook: ${damagedDatabase.title} (${damagedDatabase.id}), ${TOTAL} steps, on ${state.paths.dir}\n`);
    try {
      let looked: StepReport[];
      try {
        looked = await runPlaybook(damagedDatabase, state, { to: LOOKING }, h);
      } catch (err) {
        if (!(err instanceof NothingToRecover)) throw err;
        ctx.out.result({ playbook: damagedDatabase.id, stateDir: state.paths.dir, damaged: false, evidence: err.reason }, () => `${err.reason[0].toUpperCase()}${err.reason.slice(1)}`);
        return EXIT.ok;
      }
      if (!ctx.parsed.values.yes) {
        const rest = planOf(damagedDatabase).slice(LOOKING);
        ctx.out.result({ playbook: damagedDatabase.id, stateDir: state.paths.dir, damaged: true, evidence: state.evidence, ran: looked, plan: rest, confirmed: false }, () =>
          [...rest.map((s) => `step ${s.n}/${TOTAL} (${tag(s)}): ${s.says}`), 'Nothing was changed: give --yes to run it.'].join('\n'),
        );
        if (!ctx.out.json) process.stderr.write('lifeboat: the playbook changes the desk from step 3 on: give --yes to run it\n');
        return EXIT.usage;
      }
      const ran = await runPlaybook(damagedDatabase, state, { from: LOOKING + 1 }, h);
      ctx.out.result({ playbook: damagedDatabase.id, stateDir: state.paths.dir, damaged: true, steps: [...looked, ...ran], record: state.record }, () => summary(state));
      return EXIT.ok;
    } finally {
      releaseDamagedDatabase(state);
    }
  },
};
