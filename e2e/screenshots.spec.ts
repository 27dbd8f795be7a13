// Pictures of the console on the demo desk, for people to look at (test-results/screenshots/).
import { join } from 'node:path';
import { expect, ROOT, test } from './fixtures';

const shot = (name: string) => join(ROOT, 'test-results', 'screenshots', `${name}.png`);

test.describe('screenshots', () => {
  test('dashboard, state explorer and audit on the demo desk', async ({ page, desk, openConsole }) => {
    await openConsole();
    await expect(page.getByTestId('account-card')).toHaveCount(desk.demo.accounts);
    await expect(page.getByTestId('exposure-chart')).toBeVisible();
    await page.screenshot({ path: shot('dashboard'), fullPage: false });

    await page.getByTestId('nav-state').click();
    await expect(page.getByTestId('positions-row').first()).toBeVisible();
    await page.getByTestId('positions-table-body').focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await page.screenshot({ path: shot('state-positions') });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('detail-drawer')).toBeVisible();
    await page.screenshot({ path: shot('state-positions-drawer') });
    await page.keyboard.press('Escape');

    await page.getByTestId('tab-orders').click();
    await expect(page.getByTestId('orders-row').first()).toBeVisible();
    await page.screenshot({ path: shot('state-orders') });

    await page.getByTestId('tab-strategies').click();
    await page.getByTestId('strategies-row').first().dblclick();
    await expect(page.getByTestId('detail-json')).toBeVisible();
    await page.screenshot({ path: shot('state-strategies') });
    await page.keyboard.press('Escape');

    await page.getByTestId('tab-risk').click();
    await expect(page.getByTestId('risk-row').first()).toBeVisible();
    await page.screenshot({ path: shot('state-risk') });

    await page.getByTestId('nav-audit').click();
    await expect(page.getByTestId('audit-row').first()).toBeVisible();
    await page.getByTestId('audit-verify').click();
    await expect(page.getByTestId('audit-verify-result')).toBeVisible();
    await page.screenshot({ path: shot('audit') });

    await page.getByTestId('nav-recovery').click();
    await expect(page.getByTestId('doctor-finding').first()).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: shot('recovery') });

    await page.goto(`${desk.origin}/`);
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await expect(page.getByTestId('needs-token')).toBeVisible();
    await page.screenshot({ path: shot('needs-token') });
  });
});
