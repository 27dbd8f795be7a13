// Pictures of the checkpoints page on the demo desk's history, for people to look at
// (test-results/screenshots/checkpoints-*.png).
import { join } from 'node:path';
import { ensureCheckpointHistory, expect, ROOT, test } from './fixtures';

const shot = (name: string) => join(ROOT, 'test-results', 'screenshots', `${name}.png`);

test.describe('checkpoint screenshots', () => {
  test('a desk whose first checkpoint could not be taken warns in the header and on the dashboard', async ({ page, desk, openConsole }) => {
    // The console takes a start-up checkpoint at once; its failure leaves the desk without one (as
    // desk.status and checkpoints.list answer then).
    await page.route('**/api/desk.status', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      body.value.checkpoints = { ...body.value.checkpoints, count: 0, newestId: null, newestAt: null, ageSeconds: null, stale: true, takingFirst: false };
      await route.fulfill({ response, json: body });
    });
    await page.route('**/api/checkpoints.list', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      body.value = { ...body.value, checkpoints: [], staleness: { ...body.value.staleness, newestAt: null, ageSeconds: null, stale: true } };
      await route.fulfill({ response, json: body });
    });
    await openConsole('#/dashboard');
    await expect(page.getByTestId('header-staleness')).toHaveText('NONE');
    await expect(page.getByTestId('staleness-banner')).toBeVisible();
    await page.screenshot({ path: shot('checkpoints-stale-dashboard') });
    await page.getByTestId('nav-checkpoints').click();
    await expect(page.getByTestId('checkpoints-table')).toContainText('No checkpoints yet');
    await page.screenshot({ path: shot('checkpoints-empty') });
  });

  test('timeline, detail, compare and every step of a rollback', async ({ page, desk, openConsole }) => {
    const history = await ensureCheckpointHistory(desk);
    const manual = history.find((c) => c.type === 'manual')!;
    const emergency = history.find((c) => c.type === 'emergency')!;

    await openConsole('#/dashboard');
    await page.screenshot({ path: shot('checkpoints-dashboard') });

    await page.getByTestId('nav-checkpoints').click();
    await expect(page.locator(`[data-testid="timeline-mark"][data-id="${emergency.checkpointId}"]`)).toBeVisible();
    await page.screenshot({ path: shot('checkpoints-timeline') });

    await page.locator(`[data-testid="timeline-mark"][data-id="${manual.checkpointId}"]`).click();
    await page.locator(`[data-testid="timeline-mark"][data-id="${emergency.checkpointId}"]`).click({ modifiers: ['Shift'] });
    await expect(page.getByTestId('picked-checkpoint')).toHaveCount(2);
    await page.locator(`[data-testid="timeline-mark"][data-id="${emergency.checkpointId}"]`).hover();
    await expect(page.getByTestId('timeline-tip')).toBeVisible();
    await page.screenshot({ path: shot('checkpoints-timeline-picked') });

    await page.getByTestId('compare-picked').click();
    await expect(page.getByTestId('change-row').first()).toBeVisible();
    await page.screenshot({ path: shot('checkpoints-compare') });

    await page.getByTestId('back-to-timeline').click();
    await page.locator(`[data-testid="timeline-mark"][data-id="${manual.checkpointId}"]`).dblclick();
    await expect(page.getByTestId('checkpoint-detail')).toBeVisible();
    await page.getByTestId('verify-checkpoint').click();
    await expect(page.getByTestId('detail-status')).toHaveText('VERIFIED');
    await expect(page.getByTestId('checkpoint-row').first()).toBeVisible();
    await page.screenshot({ path: shot('checkpoints-detail') });

    await page.getByTestId('detail-rollback').click();
    await expect(page.getByTestId('rollback-step-target')).toBeVisible();
    await page.screenshot({ path: shot('checkpoints-rollback-1-target') });
    await page.getByTestId('rollback-next').click();
    await expect(page.getByTestId('rollback-preview-total')).toBeVisible();
    await page.screenshot({ path: shot('checkpoints-rollback-2-preview') });
    await page.getByTestId('rollback-next').click();
    await page.getByTestId('rollback-confirm-input').fill(manual.checkpointId);
    await page.screenshot({ path: shot('checkpoints-rollback-3-confirm') });
    await page.getByTestId('rollback-apply').click();
    await expect(page.getByTestId('rollback-result')).toHaveAttribute('data-verified', 'true');
    await page.screenshot({ path: shot('checkpoints-rollback-4-result') });
    await page.getByTestId('rollback-undo').click();
    await page.screenshot({ path: shot('checkpoints-rollback-5-undo-confirm') });
    await page.getByTestId('undo-confirm-button').click();
    await expect(page.getByTestId('undo-result')).toHaveAttribute('data-verified', 'true');
    await page.screenshot({ path: shot('checkpoints-rollback-6-undone') });

    await page.getByTestId('rollback-done').click();
    await expect(page.getByTestId('timeline-mark').first()).toBeVisible();
    await page.screenshot({ path: shot('checkpoints-timeline-after') });
  });
});
