// The checkpoint channels as the console calls them: an unknown checkpoint is a not_found.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { tempDir } from '../../support/temp-state';

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

describe('checkpoints.rows', () => {
  it('reads a checkpoint table, and names an unknown checkpoint as not found', async () => {
    engine = Engine.open({ stateDir: join(tempDir(), 'desk'), mode: 'write', purpose: 'test', create: true });
    generateDesk(engine.store, { size: 'small', seed: 5, asOf: '2026-11-20T21:00:00.000Z' });
    const taken = engine.checkpoints.create('manual');
    const rows = await engine.call('checkpoints.rows', { checkpointId: taken.checkpointId, table: 'accounts' });
    expect(rows.total).toBe(taken.counts.accounts);
    // In windows: a window is the slice of the whole in key order.
    const orders = await engine.call('checkpoints.rows', { checkpointId: taken.checkpointId, table: 'orders' });
    const window = await engine.call('checkpoints.rows', { checkpointId: taken.checkpointId, table: 'orders', offset: 10, limit: 5 });
    expect(window).toMatchObject({ total: orders.total, offset: 10 });
    expect(window.rows).toEqual(orders.rows.slice(10, 15));
    await expect(engine.call('checkpoints.rows', { checkpointId: taken.checkpointId, table: 'orders', limit: 500_000 })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(engine.call('checkpoints.rows', { checkpointId: 'MAN_20261122_000000_dead', table: 'accounts' })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/no checkpoint MAN_20261122_000000_dead/),
    });
  });
});
