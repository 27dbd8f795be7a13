// The Settings page: a change is saved, persisted and in the audit trail; a wrong value is refused
// beside its field with the engine's words; the retention preview counts what would be pruned
// before anything is saved; the theme switches at once; the page fits 1440x900 and 1024x700.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { apiCall, ensureCheckpointHistory, expect, expectHeaderFits, ROOT, test } from './fixtures';

const shot = (name: string) => join(ROOT, 'test-results', 'screenshots', `${name}.png`);
const INTERVAL = 'checkpoint.autoIntervalSeconds';

async function settingValue(desk: Parameters<typeof apiCall>[0], key: string): Promise<unknown> {
  return (await apiCall(desk, 'settings.list', {})).find((s) => s.key === key)?.value;
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth - document.documentElement.clientWidth, body: document.querySelector('.page-settings .page-body')!.scrollWidth - document.querySelector('.page-settings .page-body')!.clientWidth }));
  expect(overflow).toEqual({ doc: 0, body: 0 });
}

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('a changed checkpoint interval is saved, persisted and in the audit trail', async ({ page, desk, openConsole }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole();
  // "g" then "e" goes to Settings, as the rail says.
  await page.keyboard.press('g');
  await page.keyboard.press('e');
  await expect(page.getByTestId('page-settings')).toBeVisible();
  await expect(page.getByTestId('nav-settings')).toHaveText(/Settings/);
  const field = page.getByTestId(`setting-${INTERVAL}`);
  await expect(field).toBeVisible();
  await expect(page.getByTestId(`setting-value-${INTERVAL}`)).toHaveText('60');
  // An hour: also keeps the console's own automatic checkpoints out of the later tests.
  await page.getByTestId(`setting-input-${INTERVAL}`).fill('3600');
  await page.getByTestId(`setting-input-${INTERVAL}`).press('Enter');
  await expect(page.getByTestId(`setting-outcome-${INTERVAL}`)).toContainText('Saved (audit entry');
  await expect(page.getByTestId(`setting-value-${INTERVAL}`)).toHaveText('3600');
  expect(await settingValue(desk, INTERVAL)).toBe(3600);
  const entry = (await apiCall(desk, 'audit.list', { limit: 1, action: 'settings.change' })).entries[0];
  expect(entry.details).toEqual({ key: INTERVAL, from: 60, to: 3600 });
  await expect(page.getByTestId(`setting-outcome-${INTERVAL}`)).toContainText(`audit entry ${entry.seq}`);

  // After a reload it is still there, and the Audit page shows the entry.
  await page.reload();
  await expect(page.getByTestId(`setting-value-${INTERVAL}`)).toHaveText('3600');
  await page.evaluate(() => (location.hash = '#/audit'));
  await page.getByTestId('audit-action-filter').fill('settings.change');
  const row = page.getByTestId('audit-row').first();
  await expect(row.locator('[data-col="action"]')).toHaveText('settings.change');
  await expect(row.locator('[data-col="details"]')).toContainText(INTERVAL);
});

test('a wrong value is refused beside its field with what was expected, and nothing changes', async ({ page, desk, openConsole }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openConsole('#/settings');
  const before = await settingValue(desk, INTERVAL);
  const head = (await apiCall(desk, 'audit.list', { limit: 1 })).entries[0].seq;
  await page.getByTestId(`setting-input-${INTERVAL}`).fill('soon');
  await page.getByTestId(`setting-save-${INTERVAL}`).click();
  const outcome = page.getByTestId(`setting-outcome-${INTERVAL}`);
  await expect(outcome).toHaveText('expected a whole number of seconds from 5 to 86400, got "soon"');
  await expect(outcome).toHaveAttribute('role', 'alert');
  expect(await settingValue(desk, INTERVAL)).toBe(before);
  expect((await apiCall(desk, 'audit.list', { limit: 1 })).entries[0].seq).toBe(head);
  await expectNoSidewaysScroll(page);
});

test('the retention preview counts what would be pruned before anything is saved', async ({ page, desk, openConsole }) => {
  await ensureCheckpointHistory(desk);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole('#/settings');
  const stored = await settingValue(desk, 'checkpoint.retention');
  const preview = page.getByTestId('retention-preview');
  for (const rule of ['keepHourly', 'keepDaily', 'keepWeekly', 'keepMonthly']) await page.getByTestId(`setting-input-checkpoint.retention-${rule}`).fill('');
  await page.getByTestId('setting-input-checkpoint.retention-keepLast').fill('2');
  const expected = await apiCall(desk, 'settings.retentionPreview', { policy: { keepLast: 2 } });
  expect(expected.remove.length).toBeGreaterThan(0);
  await expect(preview).toHaveAttribute('data-count', String(expected.remove.length));
  await expect(preview).toContainText(`Would prune ${expected.remove.length} of ${expected.total} checkpoints`);
  // Only a preview: the stored retention and the checkpoints are as they were.
  expect(await settingValue(desk, 'checkpoint.retention')).toEqual(stored);
  expect((await apiCall(desk, 'checkpoints.list', {})).checkpoints.length).toBe(expected.total);
  // A retention that keeps nothing cannot be previewed, and says why.
  await page.getByTestId('setting-input-checkpoint.retention-keepLast').fill('0');
  await expect(preview).toContainText('at least one keep rule above 0');
  await page.getByTestId('setting-input-checkpoint.retention-keepLast').fill('many');
  await expect(preview).toContainText('expected keep rules');
  await page.getByTestId('setting-input-checkpoint.retention-keepLast').fill('2');
  await expect(preview).toHaveAttribute('data-count', String(expected.remove.length));
  await page.screenshot({ path: shot('settings-1440x900'), fullPage: false });
});

test('the theme switches at once: light, dark, and the system’s', async ({ page, desk, openConsole }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1024, height: 700 });
  await openConsole('#/settings');
  await expect(page.getByTestId('theme-system')).toHaveAttribute('aria-checked', 'true');
  const dark = await background(page);
  await page.getByTestId('theme-light').click();
  await expect.poll(() => background(page)).not.toBe(dark);
  const light = await background(page);
  await expect(page.getByTestId('setting-outcome-console.theme')).toContainText('Saved');
  expect(await settingValue(desk, 'console.theme')).toBe('light');
  await expectNoSidewaysScroll(page);
  await expectHeaderFits(page);
  await page.screenshot({ path: shot('settings-light-1024x700'), fullPage: false });

  await page.getByTestId('theme-dark').click();
  await expect.poll(() => background(page)).toBe(dark);
  // Following the system: the system's light turns the page light.
  await page.getByTestId('theme-system').click();
  await expect(page.getByTestId('theme-system')).toHaveAttribute('aria-checked', 'true');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => background(page)).toBe(light);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => background(page)).toBe(dark);
  expect(await settingValue(desk, 'console.theme')).toBe('system');
  await page.screenshot({ path: shot('settings-1024x700'), fullPage: false });
  await expectNoSidewaysScroll(page);
});

test('symbol mappings are added and removed from the Reconciliation section, and keys Lifeboat does not know are shown as stored', async ({ page, desk, openConsole }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openConsole('#/settings');
  const panel = page.getByTestId('symbol-mappings');
  await panel.getByLabel('Account').selectOption('acct-binance-01');
  await panel.getByLabel('Broker symbol').fill('XBTUSDT');
  await panel.getByLabel('Desk symbol').fill('BTC/USDT');
  await panel.getByRole('button', { name: 'Add mapping' }).click();
  const row = panel.getByTestId('symbol-mapping-row').filter({ hasText: 'XBTUSDT' });
  await expect(row).toContainText('BTC/USDT');
  expect(await apiCall(desk, 'symbols.list', { accountId: 'acct-binance-01' })).toContainEqual({ accountId: 'acct-binance-01', brokerSymbol: 'XBTUSDT', symbol: 'BTC/USDT' });
  await row.getByRole('button', { name: /Remove the mapping of XBTUSDT/ }).click();
  await expect(row).toHaveCount(0);
  expect(await apiCall(desk, 'symbols.list', { accountId: 'acct-binance-01' })).not.toContainEqual(expect.objectContaining({ brokerSymbol: 'XBTUSDT' }));
  await expect(page.getByTestId('settings-unknown')).toContainText('desk.name');
  await expect(page.getByTestId('settings-unknown')).toContainText('Demo desk');
  await expectNoSidewaysScroll(page);
});
