// The start-up checkpoint (issue #13): a console that opens a desk without a checkpoint takes one at
// once, and while it does the header says so ("taking the first checkpoint…") instead of warning
// that there is none. The moment the checkpoint is being written is held in the browser: the desk's
// first desk.status answer, taken while the engine had none, is replayed until the test lets go.
import type { Route } from '@playwright/test';
import type { DeskStatus } from '../shared/api/contract';
import { apiCall, expect, test } from './fixtures';

test('says the first checkpoint is being taken, not that there is none, and then shows its age', async ({ page, desk, openConsole }) => {
  // The engine took the start-up checkpoint itself: the demo desk had none.
  await expect.poll(async () => (await apiCall(desk, 'checkpoints.list', {})).checkpoints.some((c) => c.type === 'daily')).toBe(true);

  // desk.status as it answered while that checkpoint was being written: none yet, the first one on its way.
  let holding = true;
  await page.route('**/api/desk.status', async (route: Route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { ok: true; value: DeskStatus };
    if (holding) body.value.checkpoints = { ...body.value.checkpoints, count: 0, newestId: null, newestAt: null, ageSeconds: null, stale: true, takingFirst: true };
    await route.fulfill({ response, json: body });
  });
  await openConsole('#/dashboard');
  await expect(page.getByTestId('header-checkpoint-taking')).toHaveText('taking the first checkpoint…');
  await expect(page.getByTestId('account-card').first()).toBeVisible();
  await expect(page.getByTestId('header-staleness')).toHaveCount(0);
  await expect(page.getByTestId('staleness-banner')).toHaveCount(0);

  // Written: the header shows its age, still no warning.
  holding = false;
  await apiCall(desk, 'checkpoints.create', { type: 'manual', label: 'after start-up' });
  await expect(page.getByTestId('header-checkpoint-age')).toHaveText(/ago/);
  await expect(page.getByTestId('header-checkpoint-taking')).toHaveCount(0);
  await expect(page.getByTestId('header-staleness')).toHaveCount(0);
});

test('warns that there is no checkpoint when the first one could not be taken', async ({ page, desk, openConsole }) => {
  await page.route('**/api/desk.status', async (route: Route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { ok: true; value: DeskStatus };
    // As desk.status answers after a failed start-up checkpoint (announced as checkpoints.failed).
    body.value.checkpoints = { ...body.value.checkpoints, count: 0, newestId: null, newestAt: null, ageSeconds: null, stale: true, takingFirst: false };
    await route.fulfill({ response, json: body });
  });
  await openConsole('#/dashboard');
  await expect(page.getByTestId('header-staleness')).toHaveText('NONE');
  await expect(page.getByTestId('staleness-banner')).toBeVisible();
  await expect(page.getByTestId('header-checkpoint-taking')).toHaveCount(0);
});
