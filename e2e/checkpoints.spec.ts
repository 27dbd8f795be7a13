// The checkpoints page on the demo desk's history: the timeline, taking a checkpoint, inspecting
// and verifying one, comparing two.
import type { Page } from '@playwright/test';
import type { CheckpointInfo } from '../shared/api/checkpoints';
import { apiCall, checkpointCount, count, ensureCheckpointHistory, expect, rowCount, test } from './fixtures';

const mark = (page: Page, id: string) => page.locator(`[data-testid="timeline-mark"][data-id="${id}"]`);

/** How many checkpoints the marks on the chart stand for (a mark may stand for several). */
const markedCheckpoints = (page: Page) =>
  page.getByTestId('timeline-mark').evaluateAll((els) => els.reduce((n, el) => n + Number(el.getAttribute('data-count')), 0));

test.describe('the checkpoint timeline', () => {
  test('shows every checkpoint of the demo desk’s history, coloured by type', async ({ page, desk, openConsole }) => {
    const history = await ensureCheckpointHistory(desk);
    await openConsole();
    await expect(page.getByTestId('header-checkpoint-age')).toBeVisible();
    await page.getByTestId('nav-checkpoints').click();

    // Every checkpoint in the catalog is on the chart and in the table (the console may add its own as we look).
    await expect.poll(async () => count(await page.getByTestId('checkpoint-count').textContent()) - (await checkpointCount(desk))).toBe(0);
    await expect.poll(async () => (await markedCheckpoints(page)) - (await checkpointCount(desk))).toBe(0);
    await expect.poll(async () => (await page.getByTestId('checkpoints-row').count()) - (await checkpointCount(desk))).toBe(0);
    const types = new Set(await page.getByTestId('timeline-mark').evaluateAll((els) => els.map((el) => el.getAttribute('data-type'))));
    for (const type of new Set(history.map((c) => c.type))) expect(types.has(type), type).toBe(true);

    // The biggest change draws the biggest mark; the deploy checkpoint, which changed nothing, a small hollow one.
    // (Among the checkpoints drawn alone: one close in time to another is drawn as their cluster.)
    const alone = new Set(await page.locator('[data-testid="timeline-mark"]:not(.tl-cluster)').evaluateAll((els) => els.map((el) => el.getAttribute('data-id'))));
    const drawn = history.filter((c) => alone.has(c.checkpointId));
    const biggest = [...drawn].sort((a, b) => b.changedRows - a.changedRows)[0];
    const unchanged = drawn.find((c) => c.type === 'pre_upgrade' && c.changedRows === 0)!;
    expect(biggest.changedRows).toBeGreaterThan(0);
    const radius = (id: string) => mark(page, id).locator('circle').nth(0).getAttribute('r').then(Number);
    expect(await radius(biggest.checkpointId)).toBeGreaterThan(await radius(unchanged.checkpointId));
  });

  test('zooms with the wheel, the keyboard and the presets, and the table follows the window', async ({ page, desk, openConsole }) => {
    const history = await ensureCheckpointHistory(desk);
    await openConsole('#/checkpoints');
    await expect.poll(async () => (await markedCheckpoints(page)) - (await checkpointCount(desk))).toBe(0);
    const chart = page.getByTestId('timeline-chart');
    const span = async () => Number(await chart.getAttribute('data-span'));
    const full = await span();

    // The wheel zooms in around the pointer.
    const first = mark(page, history[0].checkpointId);
    const box = (await first.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -200);
    await expect.poll(span).toBeLessThan(full / 2);
    await expect(first).toBeVisible();

    // The keyboard zooms around the middle: an eighth of everything cannot hold every checkpoint.
    await page.getByTestId('zoom-all').click();
    await expect.poll(span).toBeGreaterThanOrEqual(full);
    const all = await span();
    await chart.focus();
    for (let i = 0; i < 3; i++) {
      // Each press halves the window (waiting for it, so the next press starts from the halved one).
      const before = await span();
      await page.keyboard.press('+');
      await expect.poll(span).toBeLessThan(before * 0.6);
    }
    await expect.poll(span).toBeLessThan(all / 7);
    await expect.poll(async () => (await markedCheckpoints(page)) < (await checkpointCount(desk))).toBe(true);
    await expect(page.getByTestId('checkpoints-in-window')).toContainText('in the window of');
    await page.keyboard.press('0');
    await expect.poll(async () => (await markedCheckpoints(page)) - (await checkpointCount(desk))).toBe(0);

    await page.getByTestId('zoom-1h').click();
    await expect(page.getByTestId('zoom-1h')).toHaveAttribute('aria-checked', 'true');
    await page.getByTestId('zoom-all').click();
    await expect(page.getByTestId('checkpoints-in-window')).toHaveText(/^[\d,]+ checkpoints$/);
  });

  test('takes a checkpoint from the console', async ({ page, desk, openConsole }) => {
    await ensureCheckpointHistory(desk);
    await openConsole('#/checkpoints');
    await expect(page.getByTestId('timeline-mark').first()).toBeVisible();
    await page.getByTestId('take-checkpoint').click();
    await page.getByTestId('take-checkpoint-type').selectOption('pre_upgrade');
    await page.getByTestId('take-checkpoint-label').fill('before schema 4');
    await page.getByTestId('take-checkpoint-submit').click();

    const picked = page.getByTestId('picked-checkpoint');
    await expect(picked).toContainText('before schema 4');
    const id = (await picked.getAttribute('data-id'))!;
    const made = await apiCall(desk, 'checkpoints.get', { checkpointId: id });
    expect(made).toMatchObject({ type: 'pre_upgrade', label: 'before schema 4' });
    await expect(mark(page, id)).toHaveAttribute('data-type', 'pre_upgrade');
    await expect(page.getByTestId('checkpoints-row').and(page.locator(`[data-row-id="${id}"]`))).toBeVisible();
    await expect.poll(async () => count(await page.getByTestId('checkpoint-count').textContent()) - (await checkpointCount(desk))).toBe(0);
  });

  test('follows checkpoints taken elsewhere and the staleness in the header', async ({ page, desk, openConsole }) => {
    await ensureCheckpointHistory(desk);
    await openConsole('#/checkpoints');
    await expect(page.getByTestId('timeline-mark').first()).toBeVisible();
    const made = await apiCall(desk, 'checkpoints.create', { type: 'emergency', label: 'from a watchdog' });
    await expect(mark(page, made.checkpointId)).toHaveAttribute('data-type', 'emergency');
    await expect.poll(async () => count(await page.getByTestId('checkpoint-count').textContent()) - (await checkpointCount(desk))).toBe(0);
    await expect(page.getByTestId('header-checkpoint-age')).toHaveText(/ago/);
    await expect(page.getByTestId('header-staleness')).toHaveCount(0);
  });
});

test.describe('verifying', () => {
  test('every checkpoint at once, with progress, and the table shows the result', async ({ page, desk, openConsole }) => {
    const history = await ensureCheckpointHistory(desk);
    await openConsole('#/checkpoints');
    await expect(page.getByTestId('timeline-mark').first()).toBeVisible();
    await page.getByTestId('verify-all-button').click();
    await expect(page.getByTestId('verify-all-result')).toHaveText(/^ALL [\d,]+ OK$/);
    const verified = (await apiCall(desk, 'checkpoints.list', {})).checkpoints.filter((c) => c.status === 'ok').length;
    expect(verified).toBeGreaterThanOrEqual(history.length);
    await expect(page.getByTestId('checkpoint-row-status').first()).toHaveText('VERIFIED');
  });
});

test.describe('one checkpoint', () => {
  test('opens with its contents in the explorer’s tables and verifies with progress', async ({ page, desk, openConsole }) => {
    const history = await ensureCheckpointHistory(desk);
    const manual = history.find((c) => c.type === 'manual')!;
    await openConsole('#/checkpoints');
    await mark(page, manual.checkpointId).dblclick();

    const detail = page.getByTestId('checkpoint-detail');
    await expect(detail).toHaveAttribute('data-id', manual.checkpointId);
    await expect(page.getByTestId('detail-root-hash')).toHaveText(manual.rootHash);
    const info = await apiCall(desk, 'checkpoints.get', { checkpointId: manual.checkpointId });
    if (info.status !== 'ok') await expect(page.getByTestId('detail-status')).toHaveText('NOT VERIFIED');

    // Positions as stored in the checkpoint, every one of them.
    const table = page.getByTestId('checkpoint-rows-table');
    await expect(table.getByTestId('checkpoint-row').first()).toBeVisible();
    expect(await rowCount(table)).toEqual([manual.counts.positions, manual.counts.positions]);
    await page.getByTestId('checkpoint-tab-orders').click();
    await expect.poll(async () => (await rowCount(table))[1]).toBe(manual.counts.orders);

    await page.getByTestId('verify-checkpoint').click();
    await expect(page.getByTestId('verify-progress')).toHaveAttribute('data-state', 'succeeded');
    await expect(page.getByTestId('detail-status')).toHaveText('VERIFIED');
    await expect(page.getByTestId('verify-report')).toContainText('chunks checked');
    expect((await apiCall(desk, 'checkpoints.get', { checkpointId: manual.checkpointId })).status).toBe('ok');

    // The address names the checkpoint: a reload comes back to it.
    await page.reload();
    await expect(page.getByTestId('checkpoint-detail')).toHaveAttribute('data-id', manual.checkpointId);
    await page.getByTestId('back-to-timeline').click();
    await expect(page.getByTestId('timeline')).toBeVisible();
  });
});

test.describe('comparing', () => {
  test('two checkpoints: summary by table and account, rows with exact deltas, filters', async ({ page, desk, openConsole }) => {
    const history = await ensureCheckpointHistory(desk);
    const a = history.find((c) => c.type === 'manual')!;
    const b = history.find((c) => c.type === 'emergency')!;
    const diff = await apiCall(desk, 'checkpoints.diff', { from: a.checkpointId, to: b.checkpointId });
    const total = diff.tables.reduce((n, t) => n + t.added + t.removed + t.changed, 0);
    expect(total).toBeGreaterThan(0);

    await openConsole('#/checkpoints');
    // Picked in reverse order: the compare still runs from the older to the newer.
    await mark(page, b.checkpointId).click();
    await mark(page, a.checkpointId).click({ modifiers: ['Shift'] });
    await expect(page.getByTestId('timeline-picked')).toHaveCount(2);
    await page.getByTestId('compare-picked').click();

    await expect(page.getByTestId('compare-view')).toBeVisible();
    await expect(page.getByTestId('compare-from')).toHaveValue(a.checkpointId);
    await expect(page.getByTestId('compare-to')).toHaveValue(b.checkpointId);
    await expect(page.getByTestId('compare-total')).toHaveText(total.toLocaleString('en-US'));

    // The table summary says what the engine says.
    const byTable = page.getByTestId('diff-by-table');
    for (const t of diff.tables.filter((x) => x.added + x.removed + x.changed > 0)) {
      const row = byTable.locator(`[data-testid="diff-summary-row"][data-key="${t.table}"]`);
      await expect(row.locator('td').nth(4)).toHaveText((t.added + t.removed + t.changed).toLocaleString('en-US'));
    }
    const accounts = new Set(diff.rows.map((r) => r.accountId ?? ''));
    await expect(page.getByTestId('diff-by-account').getByTestId('diff-summary-row')).toHaveCount(accounts.size);

    // A changed position shows its exact quantity delta.
    const moved = diff.rows.find((r) => r.table === 'positions' && r.kind === 'changed' && r.fields.some((f) => f.field === 'quantity'))!;
    const qty = moved.fields.find((f) => f.field === 'quantity')!;
    const changes = page.getByTestId('change-table');
    await changes.getByTestId('column-filter-field').fill('=quantity');
    await changes.getByTestId('column-filter-label').fill(`=${String(moved.after!.symbol)}`);
    await changes.getByTestId('column-filter-strategyId').fill(`=${moved.strategyId}`);
    const line = changes.getByTestId('change-row');
    await expect(line).toHaveCount(1);
    await expect(line.locator('[data-col="delta"] .num')).toHaveAttribute('title', qty.delta!);
    await expect(line.locator('[data-col="before"] .num')).toHaveAttribute('title', String(qty.before));
    await expect(line.locator('[data-col="after"] .num')).toHaveAttribute('title', String(qty.after));
    await changes.getByTestId('clear-filters').click();

    // Narrow to added rows of one table by the summary and the chips.
    const added = diff.tables.find((t) => t.added > 0)!;
    await byTable.locator(`[data-testid="diff-summary-row"][data-key="${added.table}"]`).click();
    await page.getByTestId('change-kind-changed').click();
    await page.getByTestId('change-kind-removed').click();
    await expect.poll(async () => (await rowCount(changes))[1]).toBe(added.added);
    await expect(changes.locator('[data-testid="change-row"].row-added').first()).toBeVisible();
  });

  test('a checkpoint with the live state follows the live state', async ({ page, desk, openConsole }) => {
    const history = await ensureCheckpointHistory(desk);
    const newest: CheckpointInfo = history.at(-1)!;
    await openConsole(`#/checkpoints/compare/${newest.checkpointId}/live`);
    await expect(page.getByTestId('compare-view')).toBeVisible();
    const diff = await apiCall(desk, 'checkpoints.diff', { from: newest.checkpointId, to: 'live' });
    const total = diff.tables.reduce((n, t) => n + t.added + t.removed + t.changed, 0);
    if (total === 0) await expect(page.getByTestId('compare-verdict')).toContainText('IDENTICAL');

    const job = await apiCall(desk, 'simulate.start', { ticks: 10 });
    await expect.poll(async () => (await apiCall(desk, 'jobs.get', { jobId: job.jobId })).state).toBe('succeeded');
    const after = await apiCall(desk, 'checkpoints.diff', { from: newest.checkpointId, to: 'live' });
    const moved = after.tables.reduce((n, t) => n + t.added + t.removed + t.changed, 0);
    expect(moved).toBeGreaterThan(0);
    await expect(page.getByTestId('compare-total')).toHaveText(moved.toLocaleString('en-US'));
    expect(history.length).toBeGreaterThan(0);
  });
});
