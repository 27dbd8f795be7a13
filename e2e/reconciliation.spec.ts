// Reconciliation in the console: the demo desk against the broker snapshots `lifeboat demo` wrote
// with planted differences (demo-broker/planted.json). Screenshots land in test-results/screenshots/.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { Discrepancy, DiscrepancyKind } from '../shared/api/reconcile';
import { sum } from '../shared/decimal';
import { apiCall, expect, ROOT, test, type DemoDesk } from './fixtures';

const shot = (name: string) => join(ROOT, 'test-results', 'screenshots', `${name}.png`);

interface PlantedFile {
  format: string;
  file: string;
  mapping: string | null;
  accounts: string[];
  planted: { accountId: string; kind: DiscrepancyKind; symbol: string | null; orderRef: string | null }[];
}

const brokerDir = (desk: DemoDesk) => join(desk.stateDir, 'demo-broker');
const plantedFile = (desk: DemoDesk, format: string): PlantedFile =>
  (JSON.parse(readFileSync(join(brokerDir(desk), 'planted.json'), 'utf8')) as { files: PlantedFile[] }).files.find((f) => f.format === format)!;

const row = (page: Page, itemId: string): Locator => page.locator(`[data-testid="recon-row"][data-row-id="${itemId}"]`);
const itemRows = (page: Page): Locator => page.locator('[data-testid="recon-row"].rc-item-row');

/** Picks the file on the start form and waits for the engine's verdict on it. */
async function chooseBrokerFile(page: Page, path: string): Promise<void> {
  await page.getByTestId('recon-file-input').setInputFiles(path);
  await expect(page.getByTestId('recon-detected').or(page.getByTestId('recon-inspect-error'))).toBeVisible();
}

async function startRun(page: Page): Promise<string> {
  await expect(page.getByTestId('recon-run')).toBeEnabled();
  await page.getByTestId('recon-run').click();
  const report = page.getByTestId('recon-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  return (await report.getAttribute('data-run-id'))!;
}

const sameDiscrepancy = (p: PlantedFile['planted'][number], f: Discrepancy) =>
  p.accountId === f.accountId && p.kind === f.kind && (p.orderRef ? f.orderRef === p.orderRef : f.symbol === p.symbol);

test.describe('reconciliation', () => {
  test('a CSV with its column mapping, against a checkpoint: the broker\'s value cannot be taken, ours can be kept', async ({ page, desk, openConsole }) => {
    const planted = plantedFile(desk, 'csv');
    const checkpoint = await apiCall(desk, 'checkpoints.create', { type: 'manual', label: 'before reconciliation' });
    await openConsole('#/reconciliation/new');
    await chooseBrokerFile(page, join(brokerDir(desk), planted.file));
    await expect(page.getByTestId('recon-mapping')).toBeVisible();
    await page.getByTestId('recon-mapping-input').setInputFiles(join(brokerDir(desk), planted.mapping!));
    await expect(page.getByTestId('recon-mapping-file')).toContainText('13 columns');
    await expect(page.getByTestId('recon-map-avgPrice')).toHaveValue('avg_price');
    await expect(page.getByTestId('recon-detected')).toHaveAttribute('data-format', 'csv');
    await page.getByTestId('recon-against-checkpoint').check();
    await page.getByTestId('recon-checkpoint').selectOption(checkpoint.checkpointId);
    await expect(page.getByTestId('recon-strategy-sync')).toBeDisabled();
    await page.screenshot({ path: shot('reconciliation-start-csv') });

    const runId = await startRun(page);
    await expect(page.getByTestId('recon-run-against')).toHaveText(`checkpoint ${checkpoint.checkpointId}`);
    const report = await apiCall(desk, 'reconcile.get', { runId });
    for (const p of planted.planted) expect(report.discrepancies.some((f) => sameDiscrepancy(p, f)), `${p.kind} ${p.symbol ?? p.orderRef}`).toBe(true);

    const cash = report.discrepancies.find((f) => f.kind === 'cash_mismatch')!;
    await page.getByTestId('table-filter').fill(cash.itemId);
    await row(page, cash.itemId).dblclick();
    const drawer = page.getByTestId('detail-drawer');
    await expect(drawer.getByTestId('recon-preview-effect')).toHaveAttribute('data-state', 'refused');
    await expect(drawer.getByTestId('recon-action-accept')).toBeDisabled();
    await drawer.getByTestId('recon-action-keep').click();
    await page.getByTestId('recon-resolve-apply').click();
    await expect(row(page, cash.itemId).getByTestId('recon-item-state')).toHaveAttribute('data-state', 'keep_local');

    // A resolution made elsewhere (the CLI, another window) shows up without a reload.
    const external = report.discrepancies.find((f) => f.kind === 'external_order')!;
    await page.keyboard.press('Escape');
    await page.getByTestId('table-filter').fill('');
    await expect(row(page, external.itemId).getByTestId('recon-item-state')).toHaveAttribute('data-state', 'open');
    await apiCall(desk, 'reconcile.resolve', { runId, itemIds: [external.itemId], resolution: 'ignore', reason: 'placed by hand at the broker; the bot will adopt it' });
    await expect(row(page, external.itemId).getByTestId('recon-item-state')).toHaveAttribute('data-state', 'ignore');
    await expect(page.getByTestId('recon-count-open')).toHaveText(String(report.summary.unresolved - 2));
  });

  test('an IBKR Flex statement (XML): detected with its coverage and notes, run against live, broken XML named at line:column', async ({ page, desk, openConsole }) => {
    const planted = plantedFile(desk, 'ibkr-flex');
    await openConsole('#/reconciliation/new');
    await expect(page.getByTestId('recon-file-input')).toHaveAttribute('accept', /\.xml/);
    await chooseBrokerFile(page, join(brokerDir(desk), planted.file));
    const detected = page.getByTestId('recon-detected');
    await expect(detected).toHaveAttribute('data-format', 'ibkr-flex');
    await expect(page.getByTestId('recon-detected-format')).toHaveText('IBKR Flex XML');
    await expect(page.getByTestId('recon-coverage-line')).toHaveCount(planted.accounts.length);
    const line = page.getByTestId('recon-coverage-line').first();
    await expect(line).toContainText(planted.accounts[0]);
    await expect(line.locator('.rc-uncovered')).toHaveText(['orders not reported']);
    await expect(page.getByTestId('recon-coverage-note')).toBeVisible();
    await expect(page.getByTestId('recon-detected-notes')).toContainText('lists executions, not working orders');
    await expect(page.getByTestId('recon-mapping')).toHaveCount(0);
    await page.screenshot({ path: shot('reconciliation-start-ibkr-flex') });

    const runId = await startRun(page);
    await expect(page.getByTestId('recon-broker-notes')).toContainText('lists executions, not working orders');
    const report = await apiCall(desk, 'reconcile.get', { runId });
    expect(report.format).toBe('ibkr-flex');
    expect(report.discrepancies.map((f) => `${f.accountId} ${f.kind} ${f.symbol}`).sort()).toEqual(planted.planted.map((p) => `${p.accountId} ${p.kind} ${p.symbol}`).sort());

    const dir = mkdtempSync(join(tmpdir(), 'lifeboat-recon-'));
    const broken = join(dir, 'flex-broken.xml');
    writeFileSync(broken, '<?xml version="1.0"?>\n<FlexQueryResponse>\n<FlexStatements count="1">\n<FlexStatement accountId="acct-alpaca-01">\n</FlexStatements>\n</FlexQueryResponse>\n');
    await openConsole('#/reconciliation/new');
    await chooseBrokerFile(page, broken);
    const error = page.getByTestId('recon-inspect-error');
    await expect(error.getByTestId('error-where')).toContainText('flex-broken.xml:5:1');
    await expect(error.getByTestId('error-message')).toContainText("Expected closing tag 'FlexStatement'");
    await expect(page.getByTestId('recon-run')).toBeDisabled();
  });

  test('bad input names the file, line and field, and nothing runs', async ({ page, desk, openConsole }) => {
    const dir = mkdtempSync(join(tmpdir(), 'lifeboat-recon-'));
    const badCsv = join(dir, 'positions-eod.csv');
    writeFileSync(badCsv, 'account,symbol,quantity,avg_price\nacct-alpaca-01,AAPL,100,190.5\nacct-alpaca-01,MSFT,12;5,410.2\n');
    const runsBefore = (await apiCall(desk, 'reconcile.list', {})).length;
    const auditBefore = (await apiCall(desk, 'audit.list', { limit: 1 })).total;

    await openConsole('#/reconciliation/new');
    await chooseBrokerFile(page, badCsv);
    const error = page.getByTestId('recon-inspect-error');
    await expect(error.getByTestId('error-where')).toContainText('positions-eod.csv:3');
    await expect(error.getByTestId('error-message')).toContainText('quantity');
    await expect(page.getByTestId('recon-run')).toBeDisabled();
    await page.screenshot({ path: shot('reconciliation-bad-input') });

    // Broken JSON: the place is line:column.
    const badJson = join(dir, 'ccxt-broken.json');
    writeFileSync(badJson, '{\n  "fetchPositions": [\n    { "symbol": "BTC/USDT", "contracts": "1.5", }\n  ]\n}\n');
    await chooseBrokerFile(page, badJson);
    await expect(error.getByTestId('error-where')).toContainText('ccxt-broken.json:3');

    // A file that reads well but names an account this desk does not have: the run itself refuses.
    const stranger = join(dir, 'other-desk.json');
    writeFileSync(stranger, JSON.stringify({ format: 'lifeboat-broker-snapshot', version: 1, asOf: '2026-11-20T21:00:00.000Z', accounts: [{ accountId: 'acct-elsewhere', positions: [], orders: null, cash: null }] }));
    await chooseBrokerFile(page, stranger);
    await expect(page.getByTestId('recon-detected')).toBeVisible();
    await page.getByTestId('recon-run').click();
    const failed = page.getByTestId('recon-run-failed');
    await expect(failed.getByTestId('error-message')).toContainText('acct-elsewhere');
    await expect(failed.getByTestId('error-where')).toHaveText(/other-desk\.json/);

    expect((await apiCall(desk, 'reconcile.list', {})).length).toBe(runsBefore);
    expect((await apiCall(desk, 'audit.list', { limit: 1 })).total).toBe(auditBefore);
  });

  test('runs the demo desk against its planted snapshot, filters, resolves each way, exports and reopens from history', async ({ page, desk, openConsole }) => {
    const planted = plantedFile(desk, 'lifeboat');
    await openConsole('#/reconciliation/new');
    await expect(page.getByTestId('recon-start')).toBeVisible();
    await page.screenshot({ path: shot('reconciliation-start-empty') });

    await chooseBrokerFile(page, join(brokerDir(desk), planted.file));
    await expect(page.getByTestId('recon-detected')).toHaveAttribute('data-format', 'lifeboat');
    await expect(page.getByTestId('recon-coverage-line')).toHaveCount(planted.accounts.length);
    await page.getByTestId('recon-tol-desk-price-rel').fill('0.05');
    await page.screenshot({ path: shot('reconciliation-start-detected') });

    const runId = await startRun(page);
    await expect(page).toHaveURL(new RegExp(`#/reconciliation/run/${runId}$`));
    const report = await apiCall(desk, 'reconcile.get', { runId });
    // Every planted difference is found, and nothing else.
    for (const p of planted.planted) expect(report.discrepancies.some((f) => sameDiscrepancy(p, f)), `${p.kind} ${p.symbol ?? p.orderRef}`).toBe(true);
    expect(report.discrepancies).toHaveLength(planted.planted.length);
    await expect(page.getByTestId('recon-count-total')).toHaveText(String(planted.planted.length));
    await expect(page.getByTestId('recon-verdict')).toHaveText(report.summary.verdict);
    await expect(page.getByTestId('recon-cash-series')).not.toHaveCount(0);
    await expect(itemRows(page).first()).toBeVisible();
    await page.screenshot({ path: shot('reconciliation-report') });

    // Filter by kind, by severity, by symbol.
    const shown = page.getByTestId('recon-shown');
    const total = report.discrepancies.length;
    const cash = report.discrepancies.filter((f) => f.kind === 'cash_mismatch');
    await page.getByTestId('recon-filter-kind').selectOption('cash_mismatch');
    await expect(shown).toHaveText(`${cash.length} of ${total} discrepancies`);
    await expect(itemRows(page)).toHaveCount(cash.length);
    await page.getByTestId('recon-filter-kind').selectOption('all');
    const warnings = report.discrepancies.filter((f) => f.severity === 'warning');
    await page.getByTestId('recon-filter-severity-warning').click();
    await expect(itemRows(page)).toHaveCount(warnings.length);
    await page.getByTestId('recon-filter-severity-warning').click();
    await expect(shown).toHaveText(`${total} discrepancies`);

    const qty = report.discrepancies.find((f) => f.kind === 'quantity_mismatch')!;
    await page.getByTestId('table-filter').fill(qty.symbol!);
    await expect(row(page, qty.itemId)).toBeVisible();
    await expect.poll(() => itemRows(page).count()).toBeLessThan(total);
    // The differing field is highlighted on both sides.
    await expect(row(page, qty.itemId).getByTestId('recon-cell-local').getByTestId('recon-diff-field')).toHaveText(qty.local!.quantity!);
    await expect(row(page, qty.itemId).getByTestId('recon-cell-broker').getByTestId('recon-diff-field')).toHaveText(qty.broker!.quantity!);

    // Accept the broker's value: the engine's preview shows before anything applies.
    await row(page, qty.itemId).dblclick();
    const drawer = page.getByTestId('detail-drawer');
    await expect(drawer.getByTestId('recon-drawer-title')).toContainText(qty.itemId);
    await expect(drawer.locator('[data-testid="recon-field"][data-field="quantity"]')).toHaveAttribute('data-differs', 'true');
    await expect(drawer.getByTestId('recon-preview-effect')).toHaveAttribute('data-state', 'ready');
    await expect(drawer.getByTestId('recon-preview-effect')).toContainText(`${qty.symbol} set to ${qty.broker!.quantity}`);
    await page.screenshot({ path: shot('reconciliation-drawer-preview') });
    const before = (await apiCall(desk, 'positions.list', { accountId: qty.accountId, limit: 50_000 })).rows;
    expect(before.filter((p) => p.symbol === qty.symbol).length).toBeGreaterThan(0);
    await drawer.getByTestId('recon-action-accept').click();
    const dialog = page.getByTestId('recon-resolve');
    await expect(dialog).toHaveAttribute('data-resolution', 'accept_broker');
    await expect(dialog.getByTestId('recon-resolve-effect')).toContainText(`${qty.symbol} set to ${qty.broker!.quantity}`);
    await page.screenshot({ path: shot('reconciliation-resolve-accept') });
    // Nothing has changed yet.
    expect((await apiCall(desk, 'positions.list', { accountId: qty.accountId, limit: 50_000 })).rows).toEqual(before);
    await dialog.getByTestId('recon-resolve-apply').click();
    await expect(dialog).toBeHidden();
    await expect(row(page, qty.itemId).getByTestId('recon-item-state')).toHaveAttribute('data-state', 'accept_broker');
    const held = (await apiCall(desk, 'positions.list', { accountId: qty.accountId, limit: 50_000 })).rows.filter((p) => p.symbol === qty.symbol);
    expect(sum(held.map((p) => p.quantity)).eq(qty.broker!.quantity!)).toBe(true);
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();

    // Keep ours, with the keyboard: the books do not change.
    const price = report.discrepancies.find((f) => f.kind === 'price_mismatch')!;
    await page.getByTestId('table-filter').fill(price.symbol!);
    await row(page, price.itemId).click();
    await expect(row(page, price.itemId)).toHaveAttribute('aria-selected', 'true');
    const pricesBefore = (await apiCall(desk, 'positions.list', { accountId: price.accountId, limit: 50_000 })).rows;
    await page.keyboard.press('l');
    await expect(dialog).toHaveAttribute('data-resolution', 'keep_local');
    await expect(dialog.getByTestId('recon-resolve-apply')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(row(page, price.itemId).getByTestId('recon-item-state')).toHaveAttribute('data-state', 'keep_local');
    expect((await apiCall(desk, 'positions.list', { accountId: price.accountId, limit: 50_000 })).rows).toEqual(pricesBefore);

    // Ignore two at once: a reason is required.
    await page.getByTestId('table-filter').fill('');
    await page.getByTestId('recon-filter-kind').selectOption('orphaned_order');
    const orphans = report.discrepancies.filter((f) => f.kind === 'orphaned_order');
    await expect(itemRows(page)).toHaveCount(orphans.length);
    await page.getByTestId('recon-check-all').check();
    await expect(page.getByTestId('recon-selected-count')).toContainText(`${orphans.length} selected`);
    await page.getByTestId('recon-bulk-ignore').click();
    await expect(dialog).toHaveAttribute('data-resolution', 'ignore');
    await expect(dialog.getByTestId('recon-resolve-item')).toHaveCount(orphans.length);
    await expect(dialog.getByTestId('recon-resolve-apply')).toBeDisabled();
    await dialog.getByTestId('recon-resolve-reason').fill('cancelled by phone with the broker desk at 21:05');
    await page.screenshot({ path: shot('reconciliation-resolve-ignore') });
    await dialog.getByTestId('recon-resolve-apply').click();
    await expect(dialog).toBeHidden();
    for (const o of orphans) await expect(row(page, o.itemId).getByTestId('recon-item-state')).toHaveAttribute('data-state', 'ignore');
    await page.getByTestId('recon-filter-kind').selectOption('all');
    const resolved = 2 + orphans.length;
    await expect(page.getByTestId('recon-count-open')).toHaveText(String(total - resolved));
    await page.getByTestId('recon-filter-state-resolved').click();
    await expect(itemRows(page)).toHaveCount(resolved);
    await page.screenshot({ path: shot('reconciliation-resolved') });
    await page.getByTestId('recon-filter-state-all').click();

    // Export both ways.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('recon-export-csv').click()]);
    expect(csv.suggestedFilename()).toBe(`${runId}.csv`);
    const csvText = readFileSync(await csv.path(), 'utf8');
    expect(csvText.split('\r\n')[0]).toContain('item_id');
    expect(csvText).toContain(`${runId},${qty.itemId},`);
    expect(csvText.split('\r\n').find((l) => l.includes(`,${price.itemId},`))).toContain('keep_local');
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('recon-export-json').click()]);
    expect(json.suggestedFilename()).toBe(`${runId}.json`);
    const exported = JSON.parse(readFileSync(await json.path(), 'utf8')) as { runId: string; discrepancies: Discrepancy[] };
    expect(exported.runId).toBe(runId);
    expect(exported.discrepancies.find((f) => f.itemId === qty.itemId)?.resolution).toBe('accept_broker');
    expect(exported.discrepancies.filter((f) => f.resolution === 'ignore').map((f) => f.resolutionReason)).toEqual(orphans.map(() => 'cancelled by phone with the broker desk at 21:05'));

    // Re-check: the same snapshot against the books as they are now. The accepted item is gone.
    await page.getByTestId('recon-recheck').click();
    await expect(page.getByTestId('recon-report')).not.toHaveAttribute('data-run-id', runId);
    const recheckId = (await page.getByTestId('recon-report').getAttribute('data-run-id'))!;
    await expect(page.getByTestId('recon-run-meta')).toContainText(`re-check of ${runId}`);
    await expect(page.getByTestId('recon-count-total')).toHaveText(String(total - 1));
    const recheck = await apiCall(desk, 'reconcile.get', { runId: recheckId });
    expect(recheck.discrepancies.some((f) => f.kind === 'quantity_mismatch' && f.accountId === qty.accountId && f.symbol === qty.symbol)).toBe(false);

    // Reopen from history: the resolutions are there.
    await page.getByTestId('recon-tab-history').click();
    const historyRow = page.locator(`[data-testid="recon-history-row"][data-row-id="${runId}"]`);
    await expect(historyRow).toBeVisible();
    await expect(historyRow.locator('[data-col="open"]')).toHaveText(String(total - resolved));
    await expect(page.locator(`[data-testid="recon-history-row"][data-row-id="${recheckId}"] [data-col="recheckOf"]`)).toHaveText(runId);
    await page.screenshot({ path: shot('reconciliation-history') });
    await page.goto('about:blank');
    await openConsole('#/reconciliation/history');
    await page.locator(`[data-testid="recon-history-row"][data-row-id="${runId}"]`).dblclick();
    await expect(page.getByTestId('recon-report')).toHaveAttribute('data-run-id', runId);
    await expect(row(page, qty.itemId).getByTestId('recon-item-state')).toHaveAttribute('data-state', 'accept_broker');
    await expect(page.getByTestId('recon-count-open')).toHaveText(String(total - resolved));
  });

  test('sync to broker takes a checkpoint first and adopts the broker\'s values; a re-check agrees', async ({ page, desk, openConsole }) => {
    const planted = plantedFile(desk, 'ccxt');
    await page.setViewportSize({ width: 1280, height: 800 });
    await openConsole('#/reconciliation/new');
    await chooseBrokerFile(page, join(brokerDir(desk), planted.file));
    await expect(page.getByTestId('recon-detected')).toHaveAttribute('data-format', 'ccxt');
    await page.getByTestId('recon-strategy-sync').check();
    await expect(page.getByTestId('recon-sync-note')).toBeVisible();
    await expect(page.getByTestId('recon-run')).toHaveText('Run and sync to broker');
    const runId = await startRun(page);
    const report = await apiCall(desk, 'reconcile.get', { runId });
    expect(report.checkpointId).not.toBeNull();
    await expect(page.getByTestId('recon-run-meta')).toContainText(`checkpoint first ${report.checkpointId}`);
    const synced = report.discrepancies.filter((f) => f.resolution === 'accept_broker');
    expect(synced.length).toBeGreaterThan(0);
    await page.getByTestId('recon-filter-state-resolved').click();
    await expect(page.getByTestId('recon-shown')).toHaveText(
      synced.length === report.discrepancies.length ? `${synced.length} discrepancies` : `${synced.length} of ${report.discrepancies.length} discrepancies`,
    );
    await page.screenshot({ path: shot('reconciliation-synced-1280') });

    // Re-check: what the sync adopted agrees now. Adopting a quantity can move a weighted average
    // price, so whatever is left is accepted in bulk, and a second re-check agrees.
    await page.getByTestId('recon-recheck').click();
    await expect(page.getByTestId('recon-report')).not.toHaveAttribute('data-run-id', runId);
    const recheckId = (await page.getByTestId('recon-report').getAttribute('data-run-id'))!;
    const left = (await apiCall(desk, 'reconcile.get', { runId: recheckId })).discrepancies;
    expect(left.length).toBeLessThan(report.discrepancies.length);
    expect(left.filter((f) => f.severity === 'critical')).toEqual([]);
    if (left.length) {
      await page.getByTestId('recon-check-all').check();
      await page.getByTestId('recon-bulk-accept').click();
      const dialog = page.getByTestId('recon-resolve');
      await expect(dialog.getByTestId('recon-resolve-effect')).toHaveCount(left.length);
      for (const effect of await dialog.getByTestId('recon-resolve-effect').all()) await expect(effect).toHaveAttribute('data-state', 'ready');
      await dialog.getByTestId('recon-resolve-apply').click();
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('recon-count-open')).toHaveText('0');
      await page.getByTestId('recon-recheck').click();
      await expect(page.getByTestId('recon-report')).not.toHaveAttribute('data-run-id', recheckId);
    }
    await expect(page.getByTestId('recon-verdict-line')).toHaveAttribute('data-tone', 'agree');
    await expect(page.getByTestId('recon-verdict')).toContainText('Books agree with the broker');
    await expect(page.getByTestId('recon-cash-chart')).toHaveAttribute('data-series', '0');
    await page.screenshot({ path: shot('reconciliation-agree-1280') });
  });
});
