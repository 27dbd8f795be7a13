// The console's heavy reads on the pool's read threads answer exactly what the main thread
// answers for the same query on the same desk: desk.status's figures, sorted and filtered
// positions, orders with their counts, the audit trail. A thread's kept lists follow writes, and a
// desk made anew at the same path is read anew.
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { answerRead } from '../../../electron/engine/live/live-reads';
import type { WorkerPool } from '../../../electron/engine/workers/pool';
import { parseRequest } from '../../../electron/engine/api/validate';
import { canonical, Dec } from '../../../shared/decimal';
import { tempDir } from '../../support/temp-state';
import { closePools, threadedPool } from '../../support/worker-pool';

const AS_OF = '2026-11-20T21:00:00.000Z';
const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
});
afterAll(closePools);

async function servedDesk(stateDir: string, workers: WorkerPool, seed: number): Promise<Engine> {
  const engine = Engine.open({ stateDir, mode: 'write', purpose: 'test', create: true, workers });
  engines.push(engine);
  generateDesk(engine.store, { size: 'small', seed, asOf: AS_OF });
  // Some audit entries to page through.
  await engine.jobs.wait((await engine.call('simulate.start', { ticks: 30, seed })).jobId);
  return engine;
}

/** What the main thread answers for the same request, on the writer's connection. */
function here<N extends 'positions.list' | 'orders.list' | 'audit.list'>(engine: Engine, channel: N, request: object) {
  return answerRead(engine.store, channel, parseRequest(channel, request) as never);
}

describe('heavy reads on the read threads', () => {
  it('answer what the main thread answers, for every heavy channel', async () => {
    const workers = threadedPool();
    const engine = await servedDesk(join(tempDir(), 'desk'), workers, 3);
    const status = await engine.call('desk.status', {});
    expect(workers.threads.length).toBeGreaterThan(0);
    expect(status).toMatchObject(answerRead(engine.store, 'desk.figures', {}));
    expect(status.counts.auditEntries).toBeGreaterThan(30);

    const queries = {
      'positions.list': [
        { sort: 'marketValue', direction: 'desc', offset: 20, limit: 50 },
        { search: 'acct', filters: { quantity: '>0', unrealizedPnl: '<0' }, limit: 500 },
        { accountId: status.accounts[0].account.accountId, sort: 'symbol', limit: 10 },
      ],
      'orders.list': [{ limit: 300 }, { scope: 'open', sort: 'symbol', direction: 'asc' }, { filters: { quantity: '>=100', side: '=buy' }, status: 'filled', offset: 3, limit: 40 }, { search: 'ord-', limit: 0 }],
      'audit.list': [{ limit: 10 }, { action: 'simulate.*', limit: 5 }, { beforeSeq: 10, limit: 100 }],
    } as const;
    for (const [channel, requests] of Object.entries(queries) as [keyof typeof queries, readonly object[]][]) {
      for (const request of requests) {
        const there = await engine.call(channel, request);
        expect(there, `${channel} ${JSON.stringify(request)}`).toEqual(here(engine, channel, request));
      }
    }
  });

  it('see a write the console just committed, in lists they keep sorted', async () => {
    const workers = threadedPool();
    const engine = await servedDesk(join(tempDir(), 'desk'), workers, 4);
    const query = { sort: 'quantity', direction: 'desc', limit: 1 } as const;
    const [top] = (await engine.call('positions.list', query)).rows;
    const [bottom] = (await engine.call('positions.list', { ...query, direction: 'asc' })).rows;
    // Asked again with nothing written, the kept list answers the same.
    expect((await engine.call('positions.list', query)).rows).toEqual([top]);

    const higher = canonical(new Dec(top.quantity).plus(1));
    engine.commit('test.write', () => engine.store.putPosition({ ...bottom, quantity: higher }));
    const after = await engine.call('positions.list', query);
    expect(after.rows[0]).toMatchObject({ strategyId: bottom.strategyId, symbol: bottom.symbol, quantity: higher });
    expect(after).toEqual(here(engine, 'positions.list', query));
    const filtered = { filters: { quantity: `=${higher}` }, limit: 5 };
    expect((await engine.call('orders.list', { limit: 1 })).total).toBe(engine.store.counts().orders);
    expect((await engine.call('positions.list', filtered)).rows).toEqual([after.rows[0]]);
  });

  it('read a desk made anew in the same folder, not the one before it', async () => {
    const workers = threadedPool();
    const stateDir = join(tempDir(), 'desk');
    const first = await servedDesk(stateDir, workers, 5);
    const before = await first.call('orders.list', { limit: 5 });
    await engines.splice(0)[0].close();
    rmSync(stateDir, { recursive: true, force: true });

    const second = await servedDesk(stateDir, workers, 6);
    const now = await second.call('orders.list', { limit: 5 });
    expect(now.rows).not.toEqual(before.rows);
    expect(now).toEqual(here(second, 'orders.list', { limit: 5 }));
  });
});
