// Retries and escalation on real desks: a step failing for a passing reason runs at most three
// times; one that finally fails is escalated — the audit entry recovery.escalated (when this run
// holds the lease and the database is sound), an entry in recovery-history.jsonl, and the payload to
// the desk's alert command (a real node process) and webhook (a real loopback server). A webhook
// that cannot be reached is recorded as such, and the step's own error is still the one thrown.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LifeboatError } from '../../../shared/result';
import { listAudit } from '../../../electron/engine/audit/audit-log';
import { Engine } from '../../../electron/engine/engine';
import { openDatabase } from '../../../electron/engine/store/database';
import { acquireLease, type Lease } from '../../../electron/engine/store/lease';
import { stateFolderPaths } from '../../../electron/engine/store/state-folder';
import { escalate, readDeskAlerting } from '../../../electron/engine/recovery/playbooks/escalation';
import { HISTORY_FILE, readEscalations, readRecoveryHistory } from '../../../electron/engine/recovery/playbooks/history';
import { MAX_ATTEMPTS, NothingToRecover, runPlaybook, transientRetry, type Playbook, type RunHooks } from '../../../electron/engine/recovery/playbooks/playbook';
import { closedDesk } from '../../support/closed-desk';
import { closedPort, stdinToFile } from '../../support/alert-targets';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function webhook(): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d) => (body += d));
    req.on('end', () => {
      bodies.push(JSON.parse(body));
      res.writeHead(200).end('ok');
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alert?token=hook-secret-77`, bodies };
}

function commandWritingTo(): { line: string; out: string } {
  const { node, script, out } = stdinToFile();
  return { line: `${node} ${script} ${out}`, out };
}

async function deskWithAlerts(settings: Record<string, string>): Promise<string> {
  return closedDesk({ work: (engine) => Object.entries(settings).forEach(([k, v]) => engine.store.setSetting(k, v)) });
}

interface State {
  dir: string;
  lease: Lease | null;
  runs: number;
}

/** Takes the lease, then a step that fails `failures` times with `error` before it passes. */
const book = (failures: number, error: () => Error): Playbook<State> => ({
  id: 'unclean-shutdown',
  title: 'test',
  steps: [
    { id: 'lease', says: 'take the lease', auto: true, run: (s) => void (s.lease = acquireLease(s.dir, 'test')), check: () => 'held' },
    {
      id: 'reach',
      says: 'reach something',
      auto: true,
      retry: transientRetry(1),
      run: (s) => {
        s.runs++;
        if (s.runs <= failures) throw error();
      },
      check: (s) => `reached after ${s.runs}`,
    },
  ],
});

const escalating = (s: State): RunHooks => {
  const paths = stateFolderPaths(s.dir);
  const alerting = readDeskAlerting(paths);
  return { escalate: (f) => escalate(paths, alerting, f, { holdsLease: () => s.lease !== null }) };
};

const auditOf = (dir: string, action: string) => {
  const db = openDatabase(join(dir, 'lifeboat.db'), { readonly: true });
  try {
    return listAudit(db, { limit: 1000, action }).entries;
  } finally {
    db.close();
  }
};

const unavailable = () => new LifeboatError('unavailable', 'the destination cannot be reached', 'usb');

describe('retries', () => {
  it('a step failing for a passing reason runs again, and passes on its third run', async () => {
    const dir = await closedDesk();
    const s: State = { dir, lease: null, runs: 0 };
    const reports = await runPlaybook(book(2, unavailable), s, {}, escalating(s)).finally(() => s.lease?.release());
    expect(reports[1]).toMatchObject({ name: 'reach', state: 'succeeded', attempts: 3, message: 'reached after 3' });
    expect(existsSync(join(dir, HISTORY_FILE))).toBe(false);
  });

  it('a step asking for more than three runs gets three', async () => {
    const dir = await closedDesk();
    const s: State = { dir, lease: null, runs: 0 };
    const greedy = book(5, unavailable);
    greedy.steps[1].retry = { attempts: 10, backoffMs: 1 };
    await expect(runPlaybook(greedy, s).finally(() => s.lease?.release())).rejects.toThrow('the destination cannot be reached');
    expect(s.runs).toBe(MAX_ATTEMPTS);
  });

  it('an error that will not pass (missing, damaged, wrong) is not retried', async () => {
    const dir = await closedDesk();
    const s: State = { dir, lease: null, runs: 0 };
    await expect(runPlaybook(book(5, () => new LifeboatError('not_found', 'no snapshot')), s).finally(() => s.lease?.release())).rejects.toThrow('no snapshot');
    expect(s.runs).toBe(1);
  });
});

describe('escalation', () => {
  it('a step that finally fails: audit entry, history entry, the payload to the command and the webhook; the step’s error is thrown', async () => {
    const hook = await webhook();
    const cmd = commandWritingTo();
    const dir = await deskWithAlerts({ 'alerts.command': cmd.line, 'alerts.webhook': hook.url, 'desk.name': 'Test desk' });
    const s: State = { dir, lease: null, runs: 0 };
    await expect(runPlaybook(book(5, unavailable), s, {}, escalating(s)).finally(() => s.lease?.release())).rejects.toThrow('usb: the destination cannot be reached');
    expect(s.runs).toBe(3);

    const expected = { desk: 'Test desk', playbook: 'unclean-shutdown', step: 'reach', error: 'the destination cannot be reached', attempts: 3 };
    expect(hook.bodies).toEqual([{ ...expected, at: expect.any(String) }]);
    const sent = JSON.parse(readFileSync(cmd.out, 'utf8'));
    expect(sent).toEqual(hook.bodies[0]);

    const [entry] = readEscalations(dir);
    expect(entry).toMatchObject({ kind: 'escalation', playbook: 'unclean-shutdown', step: 'reach', error: expected.error, attempts: 3, at: sent.at, audit: { written: true, reason: null } });
    expect(entry.alerts.map((a) => [a.to, a.delivered])).toEqual([
      ['command', true],
      ['webhook', true],
    ]);
    // The finished recoveries (what the Recovery page's table reads) are not mixed with it; the console gets it on its own channel.
    expect(readRecoveryHistory(dir)).toEqual([]);
    const engine = Engine.open({ stateDir: dir, mode: 'read', purpose: 'test' });
    try {
      expect(await engine.call('recovery.escalations', {})).toEqual([entry]);
      expect(await engine.call('recovery.history', {})).toEqual([]);
    } finally {
      await engine.close();
    }

    const audited = auditOf(dir, 'recovery.escalated');
    expect(audited).toHaveLength(1);
    expect(audited[0].details).toMatchObject({ playbook: 'unclean-shutdown', step: 'reach', error: expected.error, attempts: 3, at: sent.at });
    // The webhook's token is in neither the trail nor the history.
    expect(JSON.stringify(audited)).not.toContain('hook-secret-77');
    expect(readFileSync(join(dir, HISTORY_FILE), 'utf8')).not.toContain('hook-secret-77');
    expect(JSON.stringify(entry)).toContain('/alert?***');
  });

  it('an unreachable webhook is recorded as an alert not delivered; the step’s error is still the one thrown', async () => {
    const port = await closedPort();
    const dir = await deskWithAlerts({ 'alerts.webhook': `http://127.0.0.1:${port}/alert?token=hook-secret-77` });
    const s: State = { dir, lease: null, runs: 0 };
    const err = await runPlaybook(book(5, () => new LifeboatError('verification_failed', 'the root hash differs')), s, {}, escalating(s))
      .finally(() => s.lease?.release())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LifeboatError);
    expect((err as LifeboatError).reason).toBe('the root hash differs');
    const [entry] = readEscalations(dir);
    expect(entry.attempts).toBe(1);
    expect(entry.alerts).toEqual([{ to: 'webhook', target: `http://127.0.0.1:${port}/alert?***`, delivered: false, detail: expect.stringMatching(/ECONNREFUSED/) }]);
    expect(auditOf(dir, 'recovery.escalated')[0].details).toMatchObject({ alerts: entry.alerts });
    expect(readFileSync(join(dir, HISTORY_FILE), 'utf8')).not.toContain('hook-secret-77');
  });

  it('a refusal (nothing to recover) is the answer, not escalated', async () => {
    const hook = await webhook();
    const dir = await deskWithAlerts({ 'alerts.webhook': hook.url });
    const s: State = { dir, lease: null, runs: 0 };
    await expect(runPlaybook(book(5, () => new NothingToRecover('all is well', dir)), s, {}, escalating(s)).finally(() => s.lease?.release())).rejects.toBeInstanceOf(NothingToRecover);
    expect(hook.bodies).toEqual([]);
    expect(existsSync(join(dir, HISTORY_FILE))).toBe(false);
  });

  it('without the lease the audit trail is not written, and the history says why', async () => {
    const dir = await closedDesk();
    const paths = stateFolderPaths(dir);
    const entry = await escalate(paths, readDeskAlerting(paths), { playbook: 'lost-wal', step: 'x', n: 1, error: 'boom', attempts: 1 }, { holdsLease: () => false });
    expect(entry.audit).toEqual({ written: false, reason: expect.stringMatching(/does not hold the desk/) });
    expect(entry.alerts).toEqual([]);
    expect(readEscalations(dir)).toEqual([entry]);
    expect(auditOf(dir, 'recovery.escalated')).toEqual([]);
  });
});
