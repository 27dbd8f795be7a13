// Settings that are read (issue #13): named tolerance presets in Settings and in the reconciliation
// wizard, reconciliation.defaultStrategy as the wizard's starting choice, and checkpoint.retention
// applied by the console itself after its automatic checkpoint (a job, audited, pinned kept).
import { join } from 'node:path';
import { apiCall, expect, ROOT, simulate, test } from './fixtures';

const shot = (name: string) => join(ROOT, 'test-results', 'screenshots', `${name}.png`);

const TOL = 'reconciliation.tolerance';

test('a tolerance preset is saved as the desk’s default with one click, and named when in force', async ({ page, desk, openConsole }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole('#/settings');
  const presets = page.getByTestId(`setting-presets-${TOL}`);
  // The default tolerances are the normal preset.
  await expect(presets).toHaveAttribute('data-preset', 'normal');
  await page.getByTestId('setting-preset-loose').click();
  await expect(presets).toHaveAttribute('data-preset', 'loose');
  await expect(page.getByTestId('setting-preset-loose')).toHaveAttribute('aria-checked', 'true');
  await presets.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('settings-tolerance-presets-1440') });
  await page.setViewportSize({ width: 1024, height: 700 });
  await presets.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('settings-tolerance-presets-1024') });
  const stored = (await apiCall(desk, 'settings.list', {})).find((s) => s.key === TOL)!.value;
  expect(stored).toEqual({ quantity: { rel: '0.001' }, price: { rel: '0.005' }, cash: { abs: '1' } });
  const entry = (await apiCall(desk, 'audit.list', { limit: 1, action: 'settings.change' })).entries[0];
  expect(entry.details).toMatchObject({ key: TOL, to: stored });
  // A value of one's own is "custom".
  await page.getByTestId(`setting-input-${TOL}-cash.abs`).fill('2');
  await page.getByTestId(`setting-save-${TOL}`).click();
  await expect(presets).toHaveAttribute('data-preset', 'custom');
});

test('the wizard starts from the default strategy and fills its tolerances from a preset', async ({ page, desk, openConsole }) => {
  await apiCall(desk, 'settings.set', { key: 'reconciliation.defaultStrategy', value: 'HALT_AND_ALERT' });
  await openConsole('#/reconciliation/new');
  await expect(page.getByTestId('recon-strategy-halt')).toBeChecked();
  await expect(page.getByTestId('recon-halt-note')).toBeVisible();
  await page.getByTestId('recon-preset-loose').click();
  await expect(page.getByTestId('recon-tol-desk-price-rel')).toHaveValue('0.5');
  await expect(page.getByTestId('recon-tol-desk-cash-abs')).toHaveValue('1');
  for (const [width, height] of [
    [1440, 900],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.getByTestId('recon-tolerance-presets').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot(`reconciliation-tolerance-presets-${width}`) });
  }
  await page.getByTestId('recon-preset-strict').click();
  await expect(page.getByTestId('recon-tol-desk-price-rel')).toHaveValue('');
  await expect(page.getByTestId('recon-tol-desk-price-abs')).toHaveValue('0');
  // A choice of one's own stays.
  await page.getByTestId('recon-strategy-warn').check();
  await expect(page.getByTestId('recon-strategy-warn')).toBeChecked();
  await apiCall(desk, 'settings.reset', { key: 'reconciliation.defaultStrategy' });
});

test('the retention setting is applied after the console’s automatic checkpoint, keeping the pinned one', async ({ desk }) => {
  test.setTimeout(120_000);
  await apiCall(desk, 'settings.set', { key: 'checkpoint.retention', value: { keepLast: 2 } });
  const made = [];
  for (let i = 0; i < 5; i++) made.push((await apiCall(desk, 'checkpoints.create', { type: 'manual', label: `kept or not ${i}` })).checkpointId);
  await apiCall(desk, 'checkpoints.pin', { checkpointId: made[0], pinned: true });
  // Something changed, so the console's timer takes an automatic checkpoint (within its interval,
  // shortened to the least allowed so the test does not wait a minute) and then applies retention.
  await apiCall(desk, 'settings.set', { key: 'checkpoint.autoIntervalSeconds', value: 5 });
  await simulate(desk, 5);
  try {
    await expect
      .poll(async () => (await apiCall(desk, 'jobs.list', {})).some((j) => j.kind === 'checkpoint-retention' && j.state === 'succeeded'), { timeout: 60_000, intervals: [500] })
      .toBe(true);
  } finally {
    await apiCall(desk, 'settings.reset', { key: 'checkpoint.autoIntervalSeconds' });
  }
  const left = (await apiCall(desk, 'checkpoints.list', {})).checkpoints;
  expect(left.map((c) => c.checkpointId)).toContain(made[0]);
  expect(left.filter((c) => !c.pinned)).toHaveLength(2);
  const entry = (await apiCall(desk, 'audit.list', { limit: 1, action: 'checkpoint.prune' })).entries[0];
  expect(entry.details).toMatchObject({ policy: { keepLast: 2 }, removed: expect.arrayContaining([made[1], made[2], made[3]]) });
});
