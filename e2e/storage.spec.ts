// The Storage page end to end: the tiers with the engine's own figures (tiers.status), old history
// demoted through the page (the plan's counts in the confirmation) and the cold tier growing in the
// diagram and the charts, a checkpoint promoted back, and the cold folder taken away (renamed) and
// put back: the cold tier shows down and then up by itself. At 1440x900 and 1024x700.
import type { Page } from '@playwright/test';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, expect, expectHeaderFits, ROOT, test, type DemoDesk } from './fixtures';
import { ALL, demotableHistory } from './tiered-history';

const shot = (name: string) => join(ROOT, 'test-results', 'screenshots', `${name}.png`);

async function expectFits(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectHeaderFits(page);
}

/** The diagram shows what tiers.status says (the figures can move between two reads: ask until they agree). */
async function expectEngineFigures(page: Page, desk: DemoDesk) {
  await expect
    .poll(async () => {
      const status = await apiCall(desk, 'tiers.status', {});
      const shown = await Promise.all(status.tiers.map(async (t) => [await page.getByTestId(`tier-${t.tier}`).getAttribute('data-objects'), await page.getByTestId(`tier-${t.tier}`).getAttribute('data-stored'), await page.getByTestId(`tier-${t.tier}`).getAttribute('data-health')]));
      return JSON.stringify(shown) === JSON.stringify(status.tiers.map((t) => [String(t.objects), String(t.storedBytes), t.health]));
    })
    .toBe(true);
}

test('shows the tiers, demotes old history, promotes a checkpoint, and shows the cold tier down and back up', async ({ page, desk, openConsole }) => {
  test.setTimeout(180_000);
  await demotableHistory(desk);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole('#/storage');
  await expect(page.getByTestId('page-storage')).toBeVisible();
  await expect(page.getByTestId('tier-diagram')).toBeVisible();
  await expectEngineFigures(page, desk);
  await expect(page.getByTestId('tier-warm-health')).toHaveText('up');

  // Every rule off but "the newest stays": the fresh desk's older history is demotable.
  for (const [field, value] of [['demoteAfterDays', '0'], ['unreadForDays', '0'], ['keepNewest', '1']]) await page.getByTestId(`policy-${field}`).fill(value);
  await expect(page.getByTestId('policy-keepNewest')).toHaveValue('1');
  const summary = page.getByTestId('plan-summary');
  await expect.poll(async () => Number(await summary.getAttribute('data-demote'))).toBeGreaterThan(0);
  const plan = await apiCall(desk, 'tiers.plan', { policy: ALL });
  await expect(summary).toHaveAttribute('data-demote', String(plan.demote.chunks));
  await page.screenshot({ path: shot('storage-1440x900') });

  // From the keyboard: Escape takes the confirmation back; Enter on the focused Demote confirms.
  await page.getByTestId('demote-now').click();
  await expect(page.getByTestId('demote-confirm')).toContainText(`Move ${plan.demote.chunks.toLocaleString('en-US')} objects`);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('demote-confirm')).toHaveCount(0);
  expect((await apiCall(desk, 'tiers.status', {})).tiers.find((t) => t.tier === 'cold')!.objects).toBe(0);
  await page.getByTestId('demote-now').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('demote-confirm-yes')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tier-cold')).toHaveAttribute('data-objects', String(plan.demote.chunks), { timeout: 60_000 });
  await expect(page.getByTestId('tier-cold-moves')).toContainText(`/ ${plan.demote.chunks.toLocaleString('en-US')}`);
  await expectEngineFigures(page, desk);
  // The charts have the demote's sample: the cold line has a point with the cold bytes.
  const history = await apiCall(desk, 'tiers.history', {});
  const coldNow = history.samples.filter((s) => s.tier === 'cold').at(-1)!;
  expect(coldNow.objects).toBe(plan.demote.chunks);
  await expect.poll(async () => Number(await page.getByTestId('chart-bytes').getAttribute('data-points'))).toBeGreaterThan(0);
  await expect(page.getByTestId('chart-bytes').locator('.recharts-line-dot').first()).toBeVisible();

  // What each checkpoint costs per tier: some have cold bytes now; promote one back.
  const costs = (await apiCall(desk, 'tiers.checkpoints', {})).checkpoints;
  const cold = costs.find((c) => c.cold.objects > 0)!;
  expect(cold).toBeDefined();
  await expect(page.getByTestId(`cost-${cold.checkpointId}`)).toHaveAttribute('data-cold', String(cold.cold.bytes));
  await page.setViewportSize({ width: 1024, height: 700 });
  await expectFits(page);
  await page.screenshot({ path: shot('storage-1024x700') });
  await page.getByTestId(`promote-${cold.checkpointId}`).click();
  await expect(page.getByTestId(`cost-${cold.checkpointId}`)).toHaveAttribute('data-cold', '0', { timeout: 60_000 });
  await expectEngineFigures(page, desk);

  // The cold folder taken away: down, with the error; put back: up again, with no click.
  const dir = join(desk.stateDir, 'cold');
  renameSync(dir, `${dir}.away`);
  try {
    await expect(page.getByTestId('tier-cold-health')).toHaveText('down', { timeout: 30_000 });
    await page.getByTestId('tier-diagram').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('tier-cold-error')).toBeVisible();
    await page.screenshot({ path: shot('storage-cold-down-1024x700') });
  } finally {
    renameSync(`${dir}.away`, dir);
  }
  await expect(page.getByTestId('tier-cold-health')).toHaveText('up', { timeout: 30_000 });
  await page.setViewportSize({ width: 1440, height: 900 });
  await expectFits(page);
});
