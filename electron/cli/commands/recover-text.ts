// What `lifeboat recover` prints: each step before it runs, what its check said, the plan of the
// steps waiting for --yes, the escalation alert, the summary of a finished recovery; and the hooks
// that wire the escalation (alerts, audit, history) into a run.
import type { StepReport } from '../../../shared/api/jobs';
import type { RecoveryEscalation, RecoveryRecord, StartupRecord } from '../../../shared/api/recovery';
import type { CommandContext } from '../context';
import { escalate, readDeskAlerting } from '../../engine/recovery/playbooks/escalation';
import { planOf, type Playbook, type PlannedStep, type RunHooks } from '../../engine/recovery/playbooks/playbook';
import type { StateFolder } from '../../engine/store/state-folder';

export const tag = (s: PlannedStep) => (s.auto ? 'runs by itself' : 'waits for --yes');

/** The steps that only look (and lock): those before the first that waits for a person. */
export const lookingSteps = (p: Playbook<never>) => p.steps.findIndex((s) => !s.auto);

export const stepLine = (p: Playbook<never>, s: PlannedStep) => `step ${s.n}/${p.steps.length} (${tag(s)}): ${s.says}`;

export function planText(p: Playbook<never>, from: number): string[] {
  return planOf(p).slice(from).map((s) => stepLine(p, s));
}

/** Test hook: LIFEBOAT_TEST_PAUSE_BEFORE=<step id> prints "paused before <id>" and waits to be killed. */
export function pauseHook(): ((stepId: string) => Promise<void> | void) | undefined {
  const at = process.env.LIFEBOAT_TEST_PAUSE_BEFORE;
  if (!at) return undefined;
  return (id) => {
    if (id !== at) return;
    process.stdout.write(`paused before ${id}\n`);
    return new Promise<void>(() => setInterval(() => undefined, 1 << 30));
  };
}

/** What the console says when a step is escalated: the alert, and where it went. */
export function alertText(e: RecoveryEscalation): string {
  const sent = e.alerts.map((a) => `${a.to} ${a.target}: ${a.delivered ? 'delivered' : `not delivered (${a.detail})`}`);
  return [
    `ALERT: playbook ${e.playbook} escalated at step ${e.step} after ${e.attempts} attempt${e.attempts === 1 ? '' : 's'}: ${e.error}`,
    `  alerts: ${sent.length ? sent.join('; ') : 'none configured (settings alerts.command, alerts.webhook)'}`,
    ...e.alertProblems.map((p) => `  alerts: ${p}`),
    `  audit trail: ${e.audit.written ? 'recovery.escalated recorded' : `not written: ${e.audit.reason}`}; recovery-history.jsonl: recorded`,
  ].join('\n');
}

export interface Escalating {
  paths: StateFolder;
  holdsLease: () => boolean;
}

export function hooks(ctx: CommandContext, p: Playbook<never>, prefix = '', escalation?: Escalating): RunHooks {
  const say = (line: string) => {
    if (!ctx.out.json) process.stdout.write(`${prefix}${line}\n`);
  };
  // Read when the run starts: once the database is aside or found damaged its settings may not read.
  const alerting = escalation ? readDeskAlerting(escalation.paths) : null;
  return {
    before: (s) => say(stepLine(p, s)),
    after: (_s, r: StepReport) => say(`  ok: ${r.message}`),
    escalate: escalation
      ? async (f) => {
          const e = await escalate(escalation.paths, alerting!, f, { holdsLease: escalation.holdsLease });
          process.stderr.write(`${alertText(e)}\n`);
        }
      : undefined,
  };
}

/** The figures every finished recovery ends with. */
export function measured(r: RecoveryRecord): string[] {
  return [
    `detected ${r.detectedAt}, started ${r.startedAt}, verified ${r.verifiedAt}`,
    `RTO ${r.rtoSeconds.toFixed(2)} s (detection to verified recovery)`,
    `RPO ${r.rpoSeconds.toFixed(0)} s (detection minus the restored point's time)`,
  ];
}

/** The one line `lifeboat status` and `serve` print about the newest start-up when it was not happy. */
export function startupLine(r: StartupRecord | null): string | null {
  if (!r || r.state === 'happy') return null;
  const did = r.did.length ? ` Done at open: ${r.did.join('; ')}.` : '';
  return `Start-up: ${r.state} (${r.at}, ${r.purpose}): ${r.says}${did} ${r.next}`;
}
