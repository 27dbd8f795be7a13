import { apiCall, count, expect, expectHeaderFits, test } from './fixtures';

test.describe('the dashboard', () => {
  test('shows one card per account of the demo desk, with its totals', async ({ page, desk, openConsole }) => {
    const status = await apiCall(desk, 'desk.status', {});
    await openConsole();

    const cards = page.getByTestId('account-card');
    await expect(cards).toHaveCount(desk.demo.accounts);
    await expect(page.getByTestId('account-name')).toHaveText(status.accounts.map((a) => a.account.name));
    for (const summary of status.accounts) {
      const card = page.locator(`[data-testid="account-card"][data-account-id="${summary.account.accountId}"]`);
      await expect(card.getByTestId('account-positions')).toHaveText(summary.positions.toLocaleString('en-US'));
      await expect(card.getByTestId('account-open-orders')).toHaveText(summary.openOrders.toLocaleString('en-US'));
      await expect(card.getByTestId('account-trading')).toHaveText(summary.tradingEnabled ? 'ENABLED' : 'HALTED');
    }

    expect(count(await page.getByTestId('desk-total-accounts').textContent())).toBe(desk.demo.accounts);
    expect(count(await page.getByTestId('desk-total-positions').textContent())).toBe(desk.demo.positions);
    expect(count(await page.getByTestId('desk-total-open-orders').textContent())).toBe(status.counts.openOrders);
    await expect(page.getByTestId('header-state-dir')).toHaveText(status.stateDir);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
  });

  test('the header items stay apart and inside the window at 1024 px and 1440 px', async ({ page, openConsole }) => {
    await openConsole();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
    for (const [width, height] of [[1024, 700], [1440, 900]]) {
      await page.setViewportSize({ width, height });
      await expectHeaderFits(page);
    }
  });

  test('takes the token out of the address bar and keeps working after a reload', async ({ page, desk, openConsole }) => {
    await openConsole();
    expect(page.url()).not.toContain(desk.token);
    await page.reload();
    await expect(page.getByTestId('account-card')).toHaveCount(desk.demo.accounts);
  });

  test('every page is built: the last one, Storage, opens from the rail', async ({ page, openConsole }) => {
    await openConsole();
    await page.getByTestId('nav-storage').click();
    await expect(page.getByTestId('page-storage')).toBeVisible();
    await expect(page.getByTestId('not-built')).toHaveCount(0);
  });

  test('navigates with the keyboard', async ({ page, openConsole }) => {
    await openConsole();
    await page.keyboard.press('g');
    await page.keyboard.press('s');
    await expect(page.getByTestId('page-state')).toBeVisible();
    await page.keyboard.press('Alt+8');
    await expect(page.getByTestId('page-audit')).toBeVisible();
    await page.keyboard.press('g');
    await page.keyboard.press('d');
    await expect(page.getByTestId('page-dashboard')).toBeVisible();
  });
});
