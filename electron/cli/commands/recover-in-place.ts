// `lifeboat recover lost-wal` and `lifeboat recover unclean-shutdown`: the in-place playbooks, step
// by step. Step 1 (confirm the fault) only looks; from the lease on (taking over a dead holder's
// lease removes the evidence) the steps wait for --yes: without it the plan is printed and the exit
// is 2, and nothing in the folder changed. An integrity check or checkpoint verify that fails falls
// through to the damaged-database playbook, said so on the way and in its record.
import type { StepReport } from '../../../shared/api/jobs';
import { expectPositionals } from '../args';
import type { Command } from '../command';
import type { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { finishAsideNote } from '../../engine/recovery/playbooks/aside';
import { BUILT_PLAYBOOKS } from '../../engine/recovery/playbooks/catalog';
import { newDamagedDatabaseState } from '../../engine/recovery/playbooks/damaged-database';
import { drillSandbox, injectDeadHolder, injectOrphanShm } from '../../engine/recovery/playbooks/drill';
import { clearProgress, newInPlaceState, releaseInPlace, type InPlacePlaybook, type InPlaceState } from '../../engine/recovery/playbooks/in-place-state';
import { lostWal } from '../../engine/recovery/playbooks/lost-wal';
import { FallThrough, NothingToRecover, runPlaybook, type Playbook } from '../../engine/recovery/playbooks/playbook';
import { uncleanShutdown } from '../../engine/recovery/playbooks/unclean-shutdown';
import { runDamagedDatabase } from './recover-damaged';
import { hooks, lookingSteps, measured, pauseHook, planText } from './recover-text';

const PLAYBOOKS: Record<InPlacePlaybook, Playbook<InPlaceState>> = { 'lost-wal': lostWal, 'unclean-shutdown': uncleanShutdown };

function summary(s: InPlaceState): string {
  const r = s.record!;
  const rec = s.reconciliation!;
  return [
    `Recovered in place: integrity_check ok; ${s.checkpoint ? `the newest checkpoint ${s.checkpoint.checkpointId} verifies` : 'no checkpoint to verify'}; the desk is closed cleanly and can be opened.`,
    ...(s.aside ? [`Set aside in ${s.aside} (renamed, not deleted).`] : []),
    ...(s.framesLost > 0 ? [`${s.framesLost} WAL frame${s.framesLost === 1 ? ' was' : 's were'} lost: the desk is back at its newest entry that survived (${r.restoredPointTime}).`] : []),
    rec.skipped ? `Reconciliation skipped: ${rec.skipped}.` : `Reconciliation ${rec.runId}: ${rec.unresolved === 0 ? 'no difference above tolerance' : `${rec.unresolved} difference(s) above tolerance need a person (lifeboat reconcile show ${rec.runId})`}.`,
    ...(s.jobsInterrupted ? [`${s.jobsInterrupted} job(s) left running by the stopped process marked interrupted.`] : []),
    ...measured(r),
  ].join('\n');
}

/** The in-place checks found the database or its checkpoint damaged: damaged-database takes over, with the fault as first seen. */
async function fallThrough(ctx: CommandContext, s: InPlaceState, err: FallThrough, yes: boolean): Promise<number> {
  releaseInPlace(s);
  if (!ctx.out.json) process.stdout.write(`Falls through to the damaged-database playbook: ${err.reason}\n`);
  const d = newDamagedDatabaseState(s.paths.dir, { pauseBefore: pauseHook(), now: s.now, fault: { from: s.playbook, evidence: err.reason, detectedAt: s.detectedAt ?? s.now().toISOString() } });
  const code = await runDamagedDatabase(ctx, d, yes, { fellThrough: { from: s.playbook, reason: err.reason } });
  if (d.record) {
    // Finished by damaged-database: this playbook's note is done with, its aside folder says where it went.
    if (s.aside) finishAsideNote(s.aside, d.record.verifiedAt, null, { fellThroughTo: 'damaged-database' });
    clearProgress(s.paths);
  }
  return code;
}

async function runInPlace(ctx: CommandContext, s: InPlaceState, yes: boolean, prefix = ''): Promise<number> {
  const p = PLAYBOOKS[s.playbook];
  const looking = lookingSteps(p as never);
  const h = hooks(ctx, p as never, prefix, { paths: s.paths, holdsLease: () => s.lease !== null });
  if (!ctx.out.json) process.stdout.write(`${prefix}Playbook: ${p.title} (${p.id}), ${p.steps.length} steps, on ${s.paths.dir}\n`);
  let steps: StepReport[] = [];
  try {
    try {
      steps = await runPlaybook(p, s, { to: looking }, h);
    } catch (err) {
      if (!(err instanceof NothingToRecover)) throw err;
      ctx.out.result({ playbook: p.id, stateDir: s.paths.dir, found: false, evidence: err.reason }, () => `${err.reason[0].toUpperCase()}${err.reason.slice(1)}`);
      return EXIT.ok;
    }
    if (!yes) {
      const rest = planText(p as never, looking);
      ctx.out.result({ playbook: p.id, stateDir: s.paths.dir, found: true, evidence: s.evidence, ran: steps, plan: rest, confirmed: false }, () => [...rest, 'Nothing was changed: give --yes to run it.'].join('\n'));
      if (!ctx.out.json) process.stderr.write(`lifeboat: the playbook changes the desk from step ${looking + 1} on: give --yes to run it\n`);
      return EXIT.usage;
    }
    steps = [...steps, ...(await runPlaybook(p, s, { from: looking + 1 }, h))];
    ctx.out.result({ playbook: p.id, stateDir: s.paths.dir, found: true, steps, record: s.record, reconciliation: s.reconciliation, checkpoint: s.checkpoint, framesLost: s.framesLost }, () => summary(s));
    return EXIT.ok;
  } catch (err) {
    if (err instanceof FallThrough) return fallThrough(ctx, s, err, yes);
    throw err;
  } finally {
    releaseInPlace(s);
  }
}

/** The playbook on a sandbox copy of the desk with its fault injected; the live desk is only read. */
async function drill(ctx: CommandContext, id: InPlacePlaybook): Promise<number> {
  const sandbox = drillSandbox(ctx.stateDir);
  try {
    const fault = id === 'unclean-shutdown' ? { deadHolderPid: injectDeadHolder(sandbox.dir).pid } : { orphanShm: injectOrphanShm(sandbox.dir).shm };
    if (!ctx.out.json) process.stdout.write(`Drill: copied the desk to ${sandbox.dir} and planted the fault (${JSON.stringify(fault)}); the live desk is not touched.\n`);
    const s = newInPlaceState(id, sandbox.dir);
    try {
      const looked = await runPlaybook(PLAYBOOKS[id], s, {}, hooks(ctx, PLAYBOOKS[id] as never, 'drill '));
      ctx.out.result({ drill: true, sandbox: sandbox.dir, fault, steps: looked, record: s.record }, () => `Drill passed.\n${summary(s)}\n(The sandbox is removed; the live desk was only read.)`);
      return EXIT.ok;
    } catch (err) {
      if (err instanceof NothingToRecover) {
        ctx.out.result({ drill: true, sandbox: sandbox.dir, fault, detected: false }, () => `Drill failed: the planted fault was not detected (${err.reason}).`);
        return EXIT.verificationFailed;
      }
      throw err;
    } finally {
      releaseInPlace(s);
    }
  } finally {
    sandbox.dispose();
  }
}

export function inPlaceCommand(id: InPlacePlaybook): Command {
  const entry = BUILT_PLAYBOOKS.find((p) => p.id === id)!;
  return {
    path: ['recover', id],
    summary: `Playbook: ${entry.purpose} (--yes to change the desk, --drill to practise on a copy)`,
    usage: `lifeboat recover ${id} [--state DIR] [--json] [--yes] [--drill]`,
    flags: { yes: { type: 'boolean' }, drill: { type: 'boolean' } },
    async run(ctx) {
      expectPositionals(ctx.parsed, 0, this.usage);
      if (ctx.parsed.values.drill) return drill(ctx, id);
      return runInPlace(ctx, newInPlaceState(id, ctx.stateDir, { pauseBefore: pauseHook() }), ctx.parsed.values.yes === true);
    },
  };
}
