// The rollback wizard end to end: target and scope → preview → typed confirmation → progress →
// verified result → Undo. Nothing changes before the confirmation; every step before it can go back.
import { apiCall, ensureCheckpointHistory, expect, test } from './fixtures';

const totalOf = (d: { tables: { added: number; removed: number; changed: number }[] }) => d.tables.reduce((n, t) => n + t.added + t.removed + t.changed, 0);

test.describe('the rollback wizard', () => {
  test('rolls the whole desk back to a checkpoint, verifies it, and undoes it', async ({ page, desk, openConsole }) => {
    const history = await ensureCheckpointHistory(desk);
    const target = history.find((c) => c.type === 'manual')!;
    const liveBefore = (await apiCall(desk, 'state.hash', {})).rootHash;
    const preRollbacks = async () => (await apiCall(desk, 'checkpoints.list', {})).checkpoints.filter((c) => c.type === 'pre_rollback').length;
    expect(await preRollbacks()).toBe(0);
    const expected = totalOf(await apiCall(desk, 'rollback.preview', { checkpointId: target.checkpointId, limit: 0 }));
    expect(expected).toBeGreaterThan(0);

    await openConsole('#/checkpoints');
    await page.locator(`[data-testid="timeline-mark"][data-id="${target.checkpointId}"]`).click();
    await page.getByTestId('rollback-to-checkpoint').click();

    // 1. Target and scope.
    const wizard = page.getByTestId('rollback-wizard');
    await expect(wizard).toHaveAttribute('data-step', 'target');
    // Focus moves into each step as it appears (keyboard users land where the work is).
    const focusIn = (testId: string) => page.evaluate((id) => document.activeElement?.closest(`[data-testid="${id}"]`) !== null, testId);
    expect(await focusIn('rollback-step-target')).toBe(true);
    await expect(page.getByTestId('rollback-target')).toHaveValue(target.checkpointId);
    await expect(page.getByTestId('rollback-scope')).toHaveValue('');
    await page.getByTestId('rollback-next').click();

    // 2. Preview: exactly what the engine's dry run says, and back again.
    await expect(wizard).toHaveAttribute('data-step', 'preview');
    expect(await focusIn('rollback-step-preview')).toBe(true);
    await expect(page.getByTestId('rollback-preview-total')).toContainText(`would change ${expected.toLocaleString('en-US')} rows`);
    await expect(page.getByTestId('rollback-preview-table').getByTestId('change-row').first()).toBeVisible();
    await page.getByTestId('rollback-back').click();
    await expect(wizard).toHaveAttribute('data-step', 'target');
    await page.getByTestId('rollback-next').click();
    await expect(page.getByTestId('rollback-preview-total')).toBeVisible();
    await page.getByTestId('rollback-next').click();

    // 3. Confirm: only the exact id arms the button; back and forward keep nothing typed.
    await expect(wizard).toHaveAttribute('data-step', 'confirm');
    await expect(page.getByTestId('confirm-total')).toHaveText(expected.toLocaleString('en-US'));
    const apply = page.getByTestId('rollback-apply');
    await expect(apply).toBeDisabled();
    await page.getByTestId('rollback-confirm-input').fill(target.checkpointId.slice(0, -1));
    await expect(apply).toBeDisabled();
    await page.getByTestId('rollback-back').click();
    await expect(wizard).toHaveAttribute('data-step', 'preview');
    await page.getByTestId('rollback-next').click();
    await expect(page.getByTestId('rollback-confirm-input')).toHaveValue('');
    // The confirmation box has the focus: the id is typed straight in.
    await expect(page.getByTestId('rollback-confirm-input')).toBeFocused();
    await page.keyboard.type(target.checkpointId);
    await expect(apply).toBeEnabled();

    // Nothing has changed so far: the same live state, no pre-rollback checkpoint.
    expect((await apiCall(desk, 'state.hash', {})).rootHash).toBe(liveBefore);
    expect(await preRollbacks()).toBe(0);

    // 4 and 5. Roll back, then the verified result.
    await apply.click();
    const result = page.getByTestId('rollback-result');
    await expect(result).toHaveAttribute('data-verified', 'true');
    await expect(wizard).toHaveAttribute('data-step', 'result');
    await expect(page.getByTestId('rollback-result-check')).toContainText('0 rows in scope differ');
    expect((await apiCall(desk, 'state.hash', {})).rootHash).toBe(target.rootHash);
    const pre = (await page.getByTestId('pre-rollback-id').textContent())!;
    const preInfo = await apiCall(desk, 'checkpoints.get', { checkpointId: pre });
    expect(preInfo.type).toBe('pre_rollback');
    expect(preInfo.rootHash).toBe(liveBefore);
    const audit = await apiCall(desk, 'audit.list', { action: 'rollback.apply', limit: 5 });
    expect(audit.entries[0].details).toMatchObject({ targetId: target.checkpointId, preRollbackId: pre });

    // Undo: back to the pre-rollback checkpoint, itself verified.
    await page.getByTestId('rollback-undo').click();
    await expect(page.getByTestId('undo-confirm')).toContainText(pre);
    await page.getByTestId('undo-confirm-button').click();
    await expect(page.getByTestId('undo-result')).toHaveAttribute('data-verified', 'true');
    expect((await apiCall(desk, 'state.hash', {})).rootHash).toBe(liveBefore);

    // The timeline shows both pre-rollback checkpoints.
    await page.getByTestId('rollback-done').click();
    await expect(page.locator('[data-testid="timeline-mark"][data-type="pre_rollback"]').first()).toBeVisible();
    expect(await preRollbacks()).toBe(2);
  });

  test('rolls back one strategy and leaves the rest of the desk alone', async ({ page, desk, openConsole }) => {
    const history = await ensureCheckpointHistory(desk);
    const target = history[0];
    const strategies = await apiCall(desk, 'strategies.list', {});
    // The strategy that differs most from the target, and the live state of everything else.
    const diff = await apiCall(desk, 'rollback.preview', { checkpointId: target.checkpointId });
    const byStrategy = new Map<string, number>();
    for (const r of diff.rows) if (r.strategyId) byStrategy.set(r.strategyId, (byStrategy.get(r.strategyId) ?? 0) + 1);
    const [strategyId] = [...byStrategy.entries()].sort((a, b) => b[1] - a[1])[0];
    const strategy = strategies.find((s) => s.strategyId === strategyId)!;
    const otherAccount = strategies.find((s) => s.accountId !== strategy.accountId)?.accountId;
    const snapshot = await apiCall(desk, 'checkpoints.create', { type: 'manual', label: 'before the strategy rollback' });
    const expected = totalOf(await apiCall(desk, 'rollback.preview', { checkpointId: target.checkpointId, scope: { strategyId }, limit: 0 }));

    await openConsole(`#/checkpoints/rollback/${target.checkpointId}`);
    await expect(page.getByTestId('rollback-wizard')).toHaveAttribute('data-step', 'target');
    await page.getByTestId('rollback-scope').selectOption(`s:${strategyId}`);
    await page.getByTestId('rollback-next').click();
    await expect(page.getByTestId('rollback-preview-total')).toContainText(`would change ${expected.toLocaleString('en-US')} rows`);
    await page.getByTestId('rollback-next').click();
    await expect(page.getByTestId('confirm-scope')).toHaveText(`strategy ${strategyId}`);
    await page.getByTestId('rollback-confirm-input').fill(target.checkpointId);
    await page.getByTestId('rollback-apply').click();
    await expect(page.getByTestId('rollback-result')).toHaveAttribute('data-verified', 'true');

    // The strategy now matches the target; outside it, the live state is what it was.
    expect(totalOf(await apiCall(desk, 'checkpoints.diff', { from: target.checkpointId, to: 'live', scope: { strategyId }, limit: 0 }))).toBe(0);
    if (otherAccount) {
      expect(totalOf(await apiCall(desk, 'checkpoints.diff', { from: snapshot.checkpointId, to: 'live', scope: { accountId: otherAccount }, limit: 0 }))).toBe(0);
    }
    for (const s of strategies.filter((x) => x.strategyId !== strategyId)) {
      const other = await apiCall(desk, 'checkpoints.diff', { from: snapshot.checkpointId, to: 'live', scope: { strategyId: s.strategyId }, limit: 0 });
      expect(totalOf(other), s.strategyId).toBe(0);
    }
  });
});
