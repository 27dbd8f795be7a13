// The activity list: past jobs from the engine's history, new ones live through job.updated, a
// job's steps opened from the keyboard, and Cancel on a running one.
import { apiCall, expect, simulate, test } from './fixtures';

test.describe('the activity list', () => {
  test('lists past jobs with their states and opens one to its steps from the keyboard', async ({ page, desk, openConsole }) => {
    await simulate(desk, 5);
    const taken = await apiCall(desk, 'checkpoints.create', { type: 'manual', label: 'for activity' });
    const verify = await apiCall(desk, 'checkpoints.verify', { checkpointId: taken.checkpointId });
    await expect.poll(async () => (await apiCall(desk, 'jobs.get', { jobId: verify.jobId })).state).toBe('succeeded');
    const history = await apiCall(desk, 'jobs.list', {});

    await openConsole('#/activity');
    const table = page.getByTestId('activity-table');
    await expect(table.getByTestId('activity-row')).toHaveCount(history.length);
    // Newest first: the verify just run heads the list.
    const first = table.getByTestId('activity-row').first();
    await expect(first).toHaveAttribute('data-row-id', verify.jobId);
    await expect(first.getByTestId('job-state')).toHaveText('succeeded');
    await expect(first.locator('[data-col="kindLabel"]')).toHaveText('Verify checkpoints');

    await table.getByTestId('activity-table-body').focus();
    await page.keyboard.press('ArrowDown');
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    const steps = page.getByTestId('job-steps');
    await expect(steps).toHaveAttribute('data-job-id', verify.jobId);
    await expect(steps.getByTestId('job-step')).toHaveCount(1);
    await expect(steps.getByTestId('job-step').first()).toHaveAttribute('data-state', 'succeeded');
    await expect(steps.getByTestId('job-outcome')).toContainText('1 checked, 0 damaged');

    // With the steps open, the arrows browse the jobs.
    await table.getByTestId('activity-table-body').focus();
    await page.keyboard.press('ArrowDown');
    await expect(steps).toHaveAttribute('data-job-id', history[1].jobId);
    await steps.getByTestId('job-steps-close').click();
    await expect(steps).toBeHidden();
  });

  test('shows a job started elsewhere as it runs, and cancels it', async ({ page, desk, openConsole }) => {
    await openConsole('#/activity');
    const table = page.getByTestId('activity-table');
    await expect(page.getByTestId('activity-summary')).toBeVisible();
    const job = await apiCall(desk, 'simulate.start', { ticks: 100_000, intervalMs: 20 });
    const row = table.locator(`[data-testid="activity-row"][data-row-id="${job.jobId}"]`);
    await expect(row.getByTestId('job-state')).toHaveText('running');
    await expect(row.getByTestId('job-progress')).toContainText('/ 100,000');
    await expect(page.getByTestId('activity-summary')).toContainText('1 running');

    await row.getByTestId('job-cancel').click();
    await expect(row.getByTestId('job-state')).toHaveText('cancelled');
    await expect(row.getByTestId('job-cancel')).toHaveCount(0);
    expect((await apiCall(desk, 'jobs.get', { jobId: job.jobId })).state).toBe('cancelled');
  });
});
