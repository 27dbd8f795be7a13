// A page's code is fetched when the page is first shown (or in the background once the console is
// idle); when that fetch fails, the page says so instead of leaving the content area blank.
import { expect, test } from './fixtures';

test.describe('when a page’s code cannot be fetched', () => {
  test('the page says so, and Retry shows it once it can', async ({ page, openConsole }) => {
    const auditCode = /\/assets\/AuditPage-[^/]*\.js$/;
    await page.route(auditCode, (route) => route.abort('connectionrefused'));
    await openConsole();
    await page.getByTestId('nav-audit').click();

    const failed = page.getByTestId('page-failed');
    await expect(failed.getByTestId('error-panel')).toContainText('The Audit page could not be shown');
    await expect(failed.getByTestId('error-where')).toContainText('GET /assets/AuditPage-');
    // The rail still works while the page is down.
    await page.getByTestId('nav-dashboard').click();
    await expect(failed).toBeHidden();

    await page.unroute(auditCode);
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('page-failed').getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByTestId('page-audit')).toBeVisible();
  });
});
