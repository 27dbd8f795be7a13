// The backups page end to end, against a real S3 server (Ceph radosgw): add an S3 destination and
// make its repository (the recovery key shown once), edit its schedule (a bad cron refused by the
// engine, the next five runs shown), take a full backup, flip a byte in one of its packs in the
// bucket and see a read-data verify name the damaged snapshot, then back up to a folder
// destination and restore that snapshot through the wizard into a new folder, verified. Then the
// upkeep of a folder destination: a test restore, forget and prune (a dry run first), and removing
// the destination. Last, a snapshot restored over the live desk through the wizard, and undone.
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiCall, expect, expectHeaderFits, ROOT, simulate, test } from './fixtures';
import { s3Client, startS3Server, stopS3Server, type S3Server } from './radosgw';

const shot = (name: string) => join(ROOT, 'test-results', 'screenshots', `${name}.png`);
const PASSPHRASE = 'e2e passphrase 0f lifeboat';
const PREFIX = 'desk-1/';

let server: S3Server;
let client: S3Client;
let bucket: string;
let scratch: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startS3Server();
  client = s3Client(server);
  // backups.destinations.add and backups.init never create a bucket (s3-destination.ts): the test does.
  bucket = `e2e-${randomBytes(5).toString('hex')}`;
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  scratch = mkdtempSync(join(tmpdir(), 'lifeboat-e2e-backups-'));
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  try {
    if (client && bucket) {
      for (;;) {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
        if (!page.Contents?.length) break;
        await Promise.all(page.Contents.map((o) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: o.Key! }))));
      }
      await client.send(new DeleteBucketCommand({ Bucket: bucket }));
    }
  } finally {
    client?.destroy();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    await stopS3Server();
  }
});

/** The whole page fits the window across: no sideways scroll, `buttons` inside the viewport. */
async function expectFits(page: Page, buttons: string[]) {
  const size = page.viewportSize()!;
  const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
  await expectHeaderFits(page);
  for (const id of buttons) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box, `${id} is laid out`).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${id} within the width`).toBeLessThanOrEqual(size.width);
    expect(box!.y + box!.height, `${id} within the height`).toBeLessThanOrEqual(size.height);
  }
}

/** Opens the add form and fills a folder destination's name and path (the passphrase part is the caller's). */
async function fillFolderDestination(page: Page, name: string, path: string) {
  await page.getByTestId('backups-add-destination').click();
  await page.getByTestId('dest-name').fill(name);
  await page.getByTestId('dest-kind-folder').click();
  await page.getByTestId('dest-path').fill(path);
}

/** Fills the add form's passphrase part and sends it; returns the recovery key the dialog showed once. */
async function submitAndReadRecoveryKey(page: Page, destination: string): Promise<string> {
  await page.getByTestId('passphrase').fill(PASSPHRASE);
  await page.getByTestId('passphrase-again').fill(PASSPHRASE);
  await expect(page.getByTestId('keep-passphrase')).toBeChecked();
  // The usual schedule would back up every minute while the test runs: leave it off.
  await page.getByTestId('dest-schedules').uncheck();
  await page.getByTestId('dest-submit').click();
  const dialog = page.getByTestId('recovery-key-dialog');
  await expect(dialog).toBeVisible({ timeout: 60_000 });
  await expect(dialog).toContainText(`Repository made on ${destination}`);
  await expect(dialog).toContainText(/write it down/i);
  const key = (await page.getByTestId('recovery-key').textContent())!.trim();
  expect(key.length).toBeGreaterThan(20);
  await expect(page.getByTestId('recovery-key-copy')).toBeVisible();
  const done = page.getByTestId('recovery-key-done');
  await expect(done).toBeDisabled();
  await page.getByTestId('recovery-key-written').check();
  await done.click();
  await expect(dialog).toHaveCount(0);
  // Shown once: neither the key nor the secrets typed are anywhere on the page now.
  const html = await page.content();
  expect(html).not.toContain(key);
  expect(html).not.toContain(PASSPHRASE);
  expect(html).not.toContain(server.secretAccessKey);
  return key;
}

/** Takes a full backup of the destination shown and returns its snapshot id, once the list shows it. */
async function takeFullBackup(page: Page, destination: string): Promise<string> {
  await expect(page.getByTestId('backup-destination')).toHaveValue(destination);
  await page.getByTestId('backup-type').selectOption('full');
  await page.getByTestId('backup-reason').fill('e2e');
  await page.getByTestId('backup-submit').click();
  const outcome = page.getByTestId('backup-outcome-destination');
  await expect(outcome).toHaveAttribute('data-ok', 'true', { timeout: 90_000 });
  const id = (await page.getByTestId('backup-outcome-snapshot').textContent())!.trim();
  expect(id).toMatch(/^[0-9a-f]{16}$/);
  await expect(page.locator(`[data-testid="snapshot-row"][data-row-id="${id}"]`)).toBeVisible();
  return id;
}

test('backs up to S3, finds a flipped byte by verifying, and restores a good snapshot into a new folder', async ({ page, openConsole }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole('#/backups');
  await expect(page.getByTestId('page-backups')).toBeVisible();
  await expect(page.getByTestId('backups-empty')).toBeVisible();

  // 1. An S3 destination, its repository made through the form.
  await page.getByTestId('backups-add-destination').click();
  await page.getByTestId('dest-name').fill('offsite');
  await page.getByTestId('dest-kind-s3').click();
  await page.getByTestId('dest-endpoint').fill(server.endpoint);
  await page.getByTestId('dest-region').fill(server.region);
  await page.getByTestId('dest-bucket').fill(bucket);
  await page.getByTestId('dest-prefix').fill(PREFIX);
  await page.getByTestId('dest-accessKeyId').fill(server.accessKeyId);
  await page.getByTestId('dest-secretAccessKey').fill(server.secretAccessKey);
  await submitAndReadRecoveryKey(page, 'offsite');
  const offsite = page.locator('[data-testid="destination"][data-name="offsite"]');
  await expect(offsite.getByTestId('destination-health')).toHaveText('NEW');
  await expect(offsite.getByTestId('destination-snapshots')).toHaveText('0');
  await expect(offsite.getByTestId('destination-where')).toContainText(`bucket ${bucket}`);
  // The repository is in the bucket, under the prefix.
  const made = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: PREFIX }));
  expect(made.Contents?.map((o) => o.Key)).toContain(`${PREFIX}config`);
  // A reload does not bring the recovery key back.
  await page.reload();
  await expect(offsite.getByTestId('destination-health')).toBeVisible();
  await expect(page.getByTestId('recovery-key-dialog')).toHaveCount(0);

  // 2. The schedule: a cron the engine refuses is shown under its box; a good one lists its next five runs.
  await page.getByTestId('backups-tab-policies').click();
  const incremental = page.locator('[data-testid="schedule-row"][data-type="incremental"]');
  await expect(incremental.getByTestId('schedule-enabled')).not.toBeChecked();
  await incremental.getByTestId('schedule-cron').fill('61 * * * *');
  await incremental.getByTestId('schedule-save').click();
  await expect(incremental.getByTestId('schedule-error')).toContainText('is not a cron expression');
  await incremental.getByTestId('schedule-cron').fill('0 0 1 1 *');
  await incremental.getByTestId('schedule-enabled').check();
  await incremental.getByTestId('schedule-save').click();
  await expect(incremental.getByTestId('schedule-next-run')).toHaveCount(5);
  await expect(incremental.getByTestId('schedule-next-run').first()).toContainText('-01-01 00:00');
  await expect(incremental.getByTestId('schedule-error')).toHaveCount(0);
  // Retention: a dry run of unsaved rules.
  await page.getByTestId('retention-keep.keepLast').fill('1.5');
  await page.getByTestId('retention-preview').click();
  await expect(page.getByTestId('retention-editor')).toContainText('a whole number');
  await page.getByTestId('retention-keep.keepLast').fill('3');
  await page.getByTestId('retention-preview').click();
  await expect(page.getByTestId('retention-outcome')).toHaveAttribute('data-draft', 'true');
  await expect(page.getByTestId('retention-forget-count')).toHaveText('0');
  await page.setViewportSize({ width: 1024, height: 700 });
  // The page body scrolls; its head stays, and the editor's buttons are reached without sideways scrolling.
  await page.getByTestId('retention-save').scrollIntoViewIfNeeded();
  await expectFits(page, ['backups-add-destination', 'retention-save']);
  await page.screenshot({ path: shot('backups-policies-1024x700') });
  await page.setViewportSize({ width: 1440, height: 900 });

  // 3. A full backup to S3, in the snapshot list.
  await page.getByTestId('backups-tab-snapshots').click();
  const damagedId = await takeFullBackup(page, 'offsite');
  await expect(offsite.getByTestId('destination-health')).toHaveText('OK');
  await expect(offsite.getByTestId('destination-snapshots')).toHaveText('1');
  // Pin and unpin through the list.
  const row = page.locator(`[data-testid="snapshot-row"][data-row-id="${damagedId}"]`);
  await row.getByTestId('snapshot-pin').click();
  await expect(row.getByTestId('snapshot-pin')).toHaveText('PINNED');
  await row.getByTestId('snapshot-pin').click();
  await expect(row.getByTestId('snapshot-pin')).toHaveText('Pin');

  // 4. Plant the damage: one byte flipped in the middle of one pack in the bucket.
  const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${PREFIX}data/` }));
  const packs = (listed.Contents ?? []).filter((o) => /\/data\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(o.Key!));
  expect(packs.length).toBeGreaterThan(0);
  const victim = packs.sort((a, b) => (b.Size ?? 0) - (a.Size ?? 0))[0].Key!;
  const bytes = Buffer.from(await (await client.send(new GetObjectCommand({ Bucket: bucket, Key: victim }))).Body!.transformToByteArray());
  bytes[Math.floor(bytes.length / 2)] ^= 0xff;
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: victim, Body: bytes, ContentLength: bytes.length }));

  // 5. A read-data verify finds it and names the snapshot.
  await page.getByTestId('verify-mode-read-data').click();
  await page.getByTestId('verify-submit').click();
  const result = page.getByTestId('verify-result');
  await expect(result).toHaveAttribute('data-ok', 'false', { timeout: 90_000 });
  await expect(page.getByTestId('verify-verdict')).toHaveText('DAMAGE FOUND');
  await expect(page.getByTestId('verify-damage')).toBeVisible();
  await expect(page.getByTestId('verify-damaged-snapshot').first()).toHaveText(damagedId);
  await expect(page.getByTestId('verify-coverage-text')).toContainText('packs read in the last');
  await expect(row.getByTestId('snapshot-damaged')).toHaveText('DAMAGED');
  await page.screenshot({ path: shot('backups-1440x900') });
  await page.setViewportSize({ width: 1024, height: 700 });
  await expectFits(page, ['backups-add-destination', 'backups-restore', 'verify-submit', 'backup-submit']);
  await page.screenshot({ path: shot('backups-1024x700') });
  await page.setViewportSize({ width: 1440, height: 900 });

  // 6. A folder destination, and a full backup there.
  const repo = join(scratch, 'repo');
  await fillFolderDestination(page, 'local', repo);
  await submitAndReadRecoveryKey(page, 'local');
  await expect(page.getByTestId('page-backups')).toHaveAttribute('data-view', 'snapshots');
  await expect(page.locator('[data-testid="destination"][data-name="local"]')).toHaveClass(/selected/);
  expect(existsSync(join(repo, 'config'))).toBe(true);
  const goodId = await takeFullBackup(page, 'local');

  // 7. The restore wizard: snapshot → difference from live → a new folder → verified result.
  await page.getByTestId('backups-restore').click();
  const wizard = page.getByTestId('restore-wizard');
  await expect(wizard).toHaveAttribute('data-step', 'snapshot');
  await page.locator(`[data-testid="restore-snapshot"][data-id="${goodId}"]`).click();
  await page.getByTestId('restore-next').click();
  await expect(wizard).toHaveAttribute('data-step', 'preview');
  await expect(page.getByTestId('restore-preview-summary')).toHaveAttribute('data-same', 'true');
  await expect(page.getByTestId('restore-preview-tables')).toContainText('positions');
  await page.setViewportSize({ width: 1024, height: 700 });
  await expectFits(page, ['restore-back', 'restore-next']);
  await page.screenshot({ path: shot('backups-restore-preview-1024x700') });
  await page.getByTestId('restore-next').click();
  await expect(wizard).toHaveAttribute('data-step', 'target');
  // Over the live desk needs the id typed again.
  await page.getByTestId('restore-live-radio').check();
  await expect(page.getByTestId('restore-target-live')).toContainText('pre-restore checkpoint');
  await expect(page.getByTestId('restore-start')).toBeDisabled();
  await page.getByTestId('restore-confirm-input').fill(goodId.slice(0, -1));
  await expect(page.getByTestId('restore-start')).toBeDisabled();
  // Into a new folder instead.
  const into = join(scratch, 'restored');
  await page.getByTestId('restore-folder').fill(into);
  await expect(page.getByTestId('restore-start')).toBeEnabled();
  await expectFits(page, ['restore-back', 'restore-start']);
  await page.screenshot({ path: shot('backups-restore-1024x700') });
  await page.getByTestId('restore-start').click();
  const restored = page.getByTestId('restore-result');
  await expect(restored).toHaveAttribute('data-verified', 'true', { timeout: 90_000 });
  await expect(wizard).toHaveAttribute('data-step', 'result');
  await expect(page.getByTestId('restore-result-verified')).toContainText('VERIFIED');
  await expect(page.getByTestId('restore-result-target')).toHaveText(into);
  expect(existsSync(join(into, 'lifeboat.db'))).toBe(true);
  await expectFits(page, ['restore-done']);
  await page.screenshot({ path: shot('backups-restore-result-1024x700') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: shot('backups-restore-result-1440x900') });
  await page.getByTestId('restore-done').click();
  await expect(page.getByTestId('page-backups')).toHaveAttribute('data-view', 'snapshots');
});

test('test-restores, forgets a snapshot after a dry run, and removes a destination', async ({ page, openConsole }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole('#/backups');
  await fillFolderDestination(page, 'upkeep', join(scratch, 'upkeep-repo'));
  await submitAndReadRecoveryKey(page, 'upkeep');
  const card = page.locator('[data-testid="destination"][data-name="upkeep"]');
  await expect(card).toHaveClass(/selected/);
  const older = await takeFullBackup(page, 'upkeep');
  // A second full: the outcome shown changes to the new snapshot.
  await page.getByTestId('backup-submit').click();
  await expect(page.getByTestId('backup-outcome-snapshot')).not.toHaveText(older, { timeout: 90_000 });
  const newer = (await page.getByTestId('backup-outcome-snapshot').textContent())!.trim();
  await expect(card.getByTestId('destination-snapshots')).toHaveText('2');

  // A test restore of the newest: restored in a sandbox, opened, checked, rehashed.
  await page.getByTestId('upkeep').locator('summary').click();
  await page.getByTestId('test-restore-start').click();
  await expect(page.getByTestId('test-restore-result')).toContainText('VERIFIED', { timeout: 90_000 });
  await expect(page.getByTestId('test-restore-result')).toContainText(newer);
  await expect(page.getByTestId('test-restore-result')).toContainText('integrity ok');

  // The rules as they stand keep both (fresh, and the newest full); forgetting one by its id.
  await page.getByTestId('forget-preview').click();
  await expect(page.getByTestId('forget-preview-result')).toContainText('would forget 0 snapshots', { timeout: 60_000 });
  await expect(page.getByTestId('forget-confirm')).toHaveCount(0);
  await page.getByTestId('forget-what').selectOption(older);
  await page.getByTestId('forget-preview').click();
  const preview = page.getByTestId('forget-preview-result');
  await expect(preview).toContainText('would forget 1 snapshot', { timeout: 60_000 });
  await expect(preview).toContainText(older);
  // The newer full holds every object of the older one: its pack goes, though the objects stay.
  await expect(preview).toContainText(/remove [1-9]\d* packs? \(/);
  // Nothing is gone after the dry run.
  await expect(card.getByTestId('destination-snapshots')).toHaveText('2');
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByTestId('forget-confirm').scrollIntoViewIfNeeded();
  await expectFits(page, ['forget-confirm']);
  await page.screenshot({ path: shot('backups-upkeep-1024x700') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('forget-confirm').click();
  await expect(page.getByTestId('forget-result')).toContainText('forgot 1 snapshot', { timeout: 60_000 });
  await expect(card.getByTestId('destination-snapshots')).toHaveText('1');
  await expect(page.locator(`[data-testid="snapshot-row"][data-row-id="${older}"]`)).toHaveCount(0);
  await expect(page.locator(`[data-testid="snapshot-row"][data-row-id="${newer}"]`)).toBeVisible();
  await page.screenshot({ path: shot('backups-upkeep-1440x900') });

  // Removing it needs its name typed; the repository stays on disk.
  await card.getByTestId('destination-remove').click();
  await expect(card.getByTestId('destination-remove-confirm')).toContainText('passphrase kept on this machine is forgotten');
  await expect(card.getByTestId('destination-remove-do')).toBeDisabled();
  await card.getByTestId('destination-remove-typed').fill('upkeep');
  await card.getByTestId('destination-remove-do').click();
  await expect(card).toHaveCount(0);
  expect(existsSync(join(scratch, 'upkeep-repo', 'config'))).toBe(true);
});

test('restores a snapshot over the live desk through the wizard, with the id typed, and shows the way back', async ({ page, desk, openConsole }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole('#/backups');
  await page.locator('[data-testid="destination"][data-name="local"]').getByTestId('destination-open').click();
  const snapshot = await takeFullBackup(page, 'local');
  const recorded = (await apiCall(desk, 'backups.show', { destination: 'local', snapshotId: snapshot })).rootHash;
  // The desk trades on after the backup: the live state is no longer the snapshot's.
  await simulate(desk, 25);
  expect((await apiCall(desk, 'state.hash', {})).rootHash).not.toBe(recorded);

  await page.getByTestId('backups-restore').click();
  await page.locator(`[data-testid="restore-snapshot"][data-id="${snapshot}"]`).click();
  await page.getByTestId('restore-next').click();
  await expect(page.getByTestId('restore-preview-summary')).toHaveAttribute('data-same', 'false', { timeout: 60_000 });
  await page.getByTestId('restore-next').click();
  await page.getByTestId('restore-live-radio').check();
  await page.getByTestId('restore-confirm-input').fill(snapshot);
  await page.getByTestId('restore-start').click();
  const result = page.getByTestId('restore-result');
  await expect(result).toHaveAttribute('data-verified', 'true', { timeout: 90_000 });
  await expect(result).toContainText(`Restored snapshot ${snapshot} over the live desk`);
  expect((await apiCall(desk, 'state.hash', {})).rootHash).toBe(recorded);
  // The way back is the pre-restore checkpoint, which holds the state traded after the backup.
  const preRestore = (await page.getByTestId('pre-restore-id').textContent())!.trim();
  const checkpoints = await apiCall(desk, 'checkpoints.list', {});
  expect(checkpoints.checkpoints.find((c) => c.checkpointId === preRestore)?.type).toBe('pre_restore');
  await page.setViewportSize({ width: 1024, height: 700 });
  await expectFits(page, ['restore-undo', 'restore-done']);
  await page.screenshot({ path: shot('backups-restore-live-1024x700') });
  await page.getByTestId('restore-undo').click();
  await expect(page.getByTestId('page-checkpoints')).toBeVisible();
});

test('a destination whose passphrase is not kept is opened for the session: a wrong one is refused, the right one backs up', async ({ page, desk, openConsole }) => {
  test.setTimeout(180_000);
  // Its own passphrase: the other destinations' is kept in the secrets file.
  const VAULT = 'the vault passphrase, never kept';
  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole('#/backups');
  await fillFolderDestination(page, 'vault', join(scratch, 'vault-repo'));
  await page.getByTestId('passphrase').fill(VAULT);
  await page.getByTestId('passphrase-again').fill(VAULT);
  await page.getByTestId('keep-passphrase').uncheck();
  await page.getByTestId('dest-schedules').uncheck();
  await page.getByTestId('dest-submit').click();
  await page.getByTestId('recovery-key-written').check();
  await page.getByTestId('recovery-key-done').click();
  const card = page.locator('[data-testid="destination"][data-name="vault"]');
  await expect(card).toContainText('Passphrase not kept here');
  // Nothing of it on disk: the desk's secrets file holds no passphrase for vault.
  const secrets = join(desk.stateDir, 'backup-secrets.json');
  if (existsSync(secrets)) expect(readFileSync(secrets, 'utf8')).not.toContain(VAULT);

  await expect(page.getByTestId('unlock')).toBeVisible();
  await expect(page.getByTestId('verify-submit')).toBeDisabled();
  await page.getByTestId('unlock-passphrase').fill('not the passphrase at all');
  await page.getByTestId('unlock').getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('unlock')).toContainText('wrong passphrase');
  await expect(page.getByTestId('unlocked')).toHaveCount(0);
  await page.getByTestId('unlock-passphrase').fill(VAULT);
  await page.getByTestId('unlock').getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('unlocked')).toContainText('held for this session only');
  const id = await takeFullBackup(page, 'vault');
  await expect(card.getByTestId('destination-snapshots')).toHaveText('1');
  expect(await page.content()).not.toContain(VAULT);
  // A reload forgets it: the page asks again.
  await page.reload();
  await page.locator('[data-testid="destination"][data-name="vault"]').getByTestId('destination-open').click();
  await expect(page.getByTestId('unlock')).toBeVisible();
  expect(id).toMatch(/^[0-9a-f]{16}$/);
});
