// The header's tier indicator (issue #10): the worst tier's health in the top bar, linking to the
// Storage page, updating by itself. With cold history demoted, the cold folder taken away (renamed:
// the console runs as root here, so chmod 000 would not stop it) makes the header and the Storage
// page say down; put back, both say up again with no click. At 1440x900 and 1024x700.
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, expect, expectHeaderFits, ROOT, test } from './fixtures';
import { ALL, demotableHistory } from './tiered-history';

const shot = (name: string) => join(ROOT, 'test-results', 'screenshots', `${name}.png`);

test('the header shows the tiers up, down while the cold folder is away, and up again by itself', async ({ page, desk, openConsole }) => {
  test.setTimeout(180_000);
  await demotableHistory(desk);
  const job = await apiCall(desk, 'tiers.demote', { policy: ALL });
  expect(job.jobId).toBeTruthy();
  await expect.poll(async () => (await apiCall(desk, 'tiers.status', {})).tiers.find((t) => t.tier === 'cold')!.objects).toBeGreaterThan(0);

  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole('#/dashboard');
  const indicator = page.getByTestId('header-tiers');
  await expect(page.getByTestId('header-state-dir')).toHaveText(desk.stateDir);
  await expect(indicator).toHaveAttribute('data-health', 'up');
  await expect(page.getByTestId('header-tiers-health')).toHaveText('up');
  await expectHeaderFits(page);
  await page.screenshot({ path: shot('header-tiers-up-1440x900') });

  const dir = join(desk.stateDir, 'cold');
  renameSync(dir, `${dir}.away`);
  try {
    // On another page: the header alone finds it.
    await expect(indicator).toHaveAttribute('data-health', 'down');
    await expect(page.getByTestId('header-tiers-health')).toHaveText('down');
    await expect(indicator).toHaveAttribute('title', /cold: down — .*the cold tier/);
    await page.setViewportSize({ width: 1024, height: 700 });
    await expectHeaderFits(page);
    await page.screenshot({ path: shot('header-tiers-down-1024x700') });
    // It links to the Storage page, which says the same.
    await indicator.click();
    await expect(page.getByTestId('page-storage')).toBeVisible();
    await expect(page.getByTestId('tier-cold-health')).toHaveText('down');
  } finally {
    renameSync(`${dir}.away`, dir);
  }
  await expect(page.getByTestId('tier-cold-health')).toHaveText('up');
  await expect(indicator).toHaveAttribute('data-health', 'up');
  await page.setViewportSize({ width: 1440, height: 900 });
  await expectHeaderFits(page);
});
