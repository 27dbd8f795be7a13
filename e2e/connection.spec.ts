import { expect, test } from './fixtures';

test.describe('when the server goes away', () => {
  test('the console says it is reconnecting and shows failed calls with where they went', async ({ page, desk, openConsole }) => {
    await openConsole();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
    // Pages load on demand: visit the State page once so its code is here before the server goes.
    await page.getByTestId('nav-state').click();
    await expect(page.getByTestId('page-state')).toBeVisible();
    await page.getByTestId('nav-dashboard').click();

    // This file's own server, stopped by its process id; the fixture cleans up after it.
    process.kill(desk.serverPid, 'SIGTERM');
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'reconnecting');
    await expect(page.getByTestId('connection-status')).toContainText('Reconnecting');

    await page.getByTestId('nav-state').click();
    const error = page.getByTestId('error-panel');
    await expect(error).toBeVisible();
    await expect(error.getByTestId('error-message')).toContainText('cannot be reached');
    await expect(error.getByTestId('error-where')).toContainText('POST /api/positions.list');
  });
});
