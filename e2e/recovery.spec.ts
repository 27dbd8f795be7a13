// The Recovery page shows what the failure detectors find in the desk — the report `lifeboat
// doctor` prints — problems first, each with its evidence and playbook, and checks again on request.
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiCall, expect, expectHeaderFits, ROOT, test } from './fixtures';

const shot = (name: string) => join(ROOT, 'test-results', 'screenshots', `${name}.png`);

test('lists the detectors’ findings, problems first, with evidence and playbook, as doctor reports them', async ({ page, desk, openConsole }) => {
  const report = await apiCall(desk, 'recovery.doctor', {});
  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole('#/recovery');
  await expect(page.getByTestId('page-recovery')).toBeVisible();
  const rows = page.getByTestId('doctor-finding');
  await expect(rows).toHaveCount(report.findings.length, { timeout: 30_000 });
  await expect(page.getByTestId('doctor-headline')).toHaveAttribute('data-problems', String(report.problems));
  // Every problem the engine found is on the page with its own evidence, ahead of every detector that found nothing.
  const states = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
  const firstOk = states.indexOf('ok');
  expect(states.slice(firstOk).every((s) => s === 'ok')).toBe(true);
  for (const f of report.findings.filter((x) => x.found)) {
    const row = page.locator(`[data-testid="doctor-finding"][data-detector="${f.detector}"]`);
    await expect(row).toHaveAttribute('data-state', f.severity);
    await expect(row.getByTestId('doctor-evidence')).toContainText(f.evidence.text.slice(0, 40));
    await expect(row.getByTestId('doctor-playbook')).toHaveText(f.playbook.replace(/-/g, ' '));
  }
  // No recovery has run on this desk yet: the history says so and how to practise one.
  await expect(page.getByTestId('recovery-history')).toContainText('No recovery or drill has run on this desk');
  expect(await apiCall(desk, 'recovery.history', {})).toEqual([]);
  await expect(page.getByTestId('header-state-dir')).toHaveText(desk.stateDir);
  await page.screenshot({ path: shot('recovery-1440x900'), fullPage: true });

  // Checking again runs every detector anew.
  const headline = page.getByTestId('doctor-headline');
  const checkedAt = await headline.getAttribute('data-checked-at');
  await page.getByTestId('doctor-run').click();
  await expect(headline).not.toHaveAttribute('data-checked-at', checkedAt!);
  await expect(headline).toContainText((await headline.textContent())!.split('.')[0]);

  await page.setViewportSize({ width: 1024, height: 700 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectHeaderFits(page);
  await page.screenshot({ path: shot('recovery-1024x700') });
});

test('runs a drill from the page: the damaged copy comes back from the newest backup, measured, and the live desk is untouched', async ({ page, desk, openConsole }) => {
  await apiCall(desk, 'backups.destinations.add', { name: 'drills', folder: { path: join(mkdtempSync(join(tmpdir(), 'lifeboat-e2e-drill-')), 'repo') } });
  await apiCall(desk, 'backups.init', { destination: 'drills', passphrase: 'a drill passphrase, long enough' });
  const backup = await apiCall(desk, 'backups.create', { type: 'full', destination: 'drills' });
  await expect.poll(async () => (await apiCall(desk, 'jobs.get', { jobId: backup.jobId })).state, { timeout: 60_000 }).toBe('succeeded');
  const root = await apiCall(desk, 'state.hash', {});

  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole('#/recovery');
  await page.getByTestId('drill-run').click();
  const result = page.getByTestId('drill-result');
  await expect(result).toHaveAttribute('data-passed', 'true', { timeout: 60_000 });
  const [snapshot] = await apiCall(desk, 'backups.list', { destination: 'drills' });
  await expect(result).toContainText(`snapshot ${snapshot.id} of drills`);
  const history = await apiCall(desk, 'recovery.history', {});
  expect(history).toHaveLength(1);
  expect(history[0]).toMatchObject({ playbook: 'damaged-database', drill: true });
  await expect(result).toContainText(`RTO ${history[0].rtoSeconds.toFixed(2)} s`);
  // The history lists the drill as one, and the chart draws its point.
  const run = page.getByTestId('recovery-run');
  await expect(run).toHaveCount(1);
  await expect(run).toHaveAttribute('data-kind', 'drill');
  await expect(run.getByTestId('recovery-rto')).toHaveText(`${history[0].rtoSeconds.toFixed(2)} s`);
  await expect(page.getByTestId('recovery-chart')).toHaveAttribute('data-points', '1');
  expect(await apiCall(desk, 'state.hash', {})).toEqual(root);
  await page.getByTestId('recovery-history').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('recovery-drill-1440x900') });

  await page.setViewportSize({ width: 1024, height: 700 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectHeaderFits(page);
  await page.getByTestId('recovery-history').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('recovery-drill-1024x700') });
});

test('shows a step escalated to a person first, with its error, its runs and whether each alert arrived', async ({ page, desk, openConsole }) => {
  // The line a playbook appends to recovery-history.jsonl when a step fails after its retries
  // (electron/engine/recovery/playbooks/escalation.ts); the page reads it through recovery.escalations.
  const escalation = {
    kind: 'escalation',
    playbook: 'damaged-database',
    step: 'restore',
    error: 'unavailable: offsite: cannot reach 127.0.0.1:9 (connection refused)',
    attempts: 3,
    at: new Date().toISOString(),
    alerts: [
      { to: 'webhook', target: 'http://127.0.0.1:9/alert?…', delivered: false, detail: 'connection refused' },
      { to: 'command', target: 'notify-desk', delivered: true, detail: 'exit 0' },
    ],
    alertProblems: [],
    audit: { written: false, reason: 'the database is damaged: it is not written to' },
  };
  appendFileSync(join(desk.stateDir, 'recovery-history.jsonl'), `${JSON.stringify(escalation)}\n`);
  expect(await apiCall(desk, 'recovery.escalations', {})).toEqual([escalation]);
  await page.setViewportSize({ width: 1024, height: 700 });
  await openConsole('#/recovery');
  const shown = page.getByTestId('recovery-escalation');
  await expect(shown).toHaveCount(1);
  await expect(shown).toContainText('damaged database: step restore failed after 3 runs');
  await expect(shown.getByTestId('escalation-error')).toHaveText(escalation.error);
  await expect(shown.getByTestId('escalation-alert')).toHaveCount(2);
  await expect(shown.locator('[data-testid="escalation-alert"][data-delivered="false"]')).toContainText('alert webhook http://127.0.0.1:9/alert?…');
  await expect(shown).toContainText('Not in the audit trail: the database is damaged');
  // Ahead of the findings: it waits for a person.
  const [escalated, findings] = await Promise.all([page.getByTestId('recovery-escalations').boundingBox(), page.getByTestId('doctor-findings').boundingBox()]);
  expect(escalated!.y).toBeLessThan(findings!.y);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: shot('recovery-escalation-1024x700') });
});
