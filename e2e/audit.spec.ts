import { apiCall, expect, test } from './fixtures';

test.describe('the audit trail', () => {
  test('lists entries newest first and verifies the chain', async ({ page, desk, openConsole }) => {
    const page1 = await apiCall(desk, 'audit.list', { limit: 1 });
    await openConsole('#/audit');
    const table = page.getByTestId('audit-table');
    await expect(table.getByTestId('audit-row').first()).toBeVisible();
    await expect(table.getByTestId('audit-row').first().locator('[data-col="seq"]')).toHaveText(page1.entries[0].seq.toLocaleString('en-US'));

    await page.getByTestId('audit-verify').click();
    const verification = await apiCall(desk, 'audit.verify', {});
    const n = verification.entries;
    await expect(page.getByTestId('audit-verify-result')).toHaveText(`Chain OK (${n.toLocaleString('en-US')} ${n === 1 ? 'entry' : 'entries'})`);
  });

  test('filters by action on the server', async ({ page, desk, openConsole }) => {
    const newest = (await apiCall(desk, 'audit.list', { limit: 1 })).entries[0];
    const filtered = await apiCall(desk, 'audit.list', { action: newest.action });
    await openConsole('#/audit');
    await page.getByTestId('audit-action-filter').fill(newest.action);
    await expect(page.getByTestId('audit-loaded')).toContainText(`${filtered.entries.length.toLocaleString('en-US')} loaded`);
    const actions = await page.getByTestId('audit-row').locator('[data-col="action"]').allTextContents();
    expect(new Set(actions)).toEqual(new Set([newest.action]));
  });
});
