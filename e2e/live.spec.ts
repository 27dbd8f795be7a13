import { apiCall, count, expect, runCli, test } from './fixtures';

test.describe('live updates', () => {
  test('simulated trading through the running console shows up without a reload', async ({ page, desk, openConsole }) => {
    await openConsole();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
    const before = await apiCall(desk, 'desk.status', {});
    await expect(page.getByTestId('desk-total-audit')).toHaveText(before.counts.auditEntries.toLocaleString('en-US'));

    // `lifeboat simulate` finds the console holding the folder and sends the ticks through it.
    const sim = await runCli(['simulate', '--state', desk.stateDir, '--ticks', '20', '--json']);
    expect(sim.status, sim.stderr).toBe(0);

    const after = await apiCall(desk, 'desk.status', {});
    expect(after.counts.auditEntries).toBeGreaterThan(before.counts.auditEntries);
    await expect(page.getByTestId('desk-total-audit')).toHaveText(after.counts.auditEntries.toLocaleString('en-US'));
    await expect(page.getByTestId('desk-total-orders')).toHaveText(after.counts.orders.toLocaleString('en-US'));
  });

  test('the orders table and the audit trail follow a simulation started from the API', async ({ page, desk, openConsole }) => {
    await openConsole('#/state/orders');
    const showing = page.getByTestId('orders-showing');
    const before = await apiCall(desk, 'orders.list', { limit: 1 });
    await expect(showing).toHaveText(`${before.total.toLocaleString('en-US')} orders`);

    const job = await apiCall(desk, 'simulate.start', { ticks: 30, intervalMs: 20 });
    await expect.poll(async () => (await apiCall(desk, 'jobs.get', { jobId: job.jobId })).state).toBe('succeeded');
    const after = await apiCall(desk, 'orders.list', { limit: 1 });
    expect(after.total).not.toBe(before.total);
    await expect(showing).toHaveText(`${after.total.toLocaleString('en-US')} orders`);
    // The newest orders head the table (updated, newest first), as the server has them.
    await expect(page.getByTestId('orders-table').getByTestId('orders-row').first()).toHaveAttribute('data-row-id', after.rows[0].orderId);

    await page.getByTestId('nav-audit').click();
    const { total } = await apiCall(desk, 'audit.list', { limit: 1 });
    await expect(page.getByTestId('audit-loaded')).toContainText(`${total.toLocaleString('en-US')} in the trail`);
    expect(count(await page.getByTestId('audit-table').getByTestId('audit-row').first().locator('[data-col="seq"]').textContent())).toBe(
      (await apiCall(desk, 'audit.list', { limit: 1 })).entries[0].seq,
    );
  });

  test('a live refresh keeps the selected row and the scroll position', async ({ page, desk, openConsole }) => {
    await openConsole('#/state/positions');
    const table = page.getByTestId('positions-table');
    const body = table.getByTestId('positions-table-body');
    await expect(table.getByTestId('positions-row').first()).toBeVisible();
    await body.evaluate((el) => (el.scrollTop = 26 * 40));
    await table.getByTestId('positions-row').nth(12).click();
    const selected = table.locator('[data-testid="positions-row"][aria-selected="true"]');
    const rowId = await selected.getAttribute('data-row-id');
    const scrollTop = await body.evaluate((el) => el.scrollTop);
    const pulse = page.getByTestId('page-state').getByTestId('updated-pulse');
    const stamp = Number(await pulse.getAttribute('data-stamp'));

    const sim = await runCli(['simulate', '--state', desk.stateDir, '--ticks', '20', '--json']);
    expect(sim.status, sim.stderr).toBe(0);

    await expect.poll(async () => Number(await pulse.getAttribute('data-stamp'))).toBeGreaterThan(stamp);
    await expect(selected).toHaveAttribute('data-row-id', rowId!);
    expect(await body.evaluate((el) => el.scrollTop)).toBe(scrollTop);
  });
});
