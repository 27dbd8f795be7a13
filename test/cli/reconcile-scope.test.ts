// An account that is not on the desk is a clear error, naming it and the known accounts, and
// nothing is written: no run, no checkpoint, no correction, no audit entry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { api, lifeboat, lifeboatJson, serve } from '../support/cli';
import { tempDir } from '../support/temp-state';

function demo() {
  const state = join(tempDir(), 'desk');
  lifeboatJson(['demo', '--state', state, '--seed', '7']);
  return { state, S: ['--state', state], broker: join(state, 'demo-broker') };
}

/** A console takes automatic checkpoints of its own (on start and shutdown): those are left out. */
function footprint(S: string[]) {
  return {
    state: lifeboat(['state', 'export', ...S]).stdout,
    checkpoints: lifeboatJson(['checkpoint', 'list', ...S]).checkpoints.filter((c: any) => c.type !== 'automatic').map((c: any) => c.checkpointId),
    runs: lifeboatJson(['reconcile', 'list', ...S]).map((r: any) => r.runId),
    mappings: lifeboatJson(['reconcile', 'symbols', ...S]),
    auditEntries: lifeboatJson(['audit', 'list', '--limit', '5000', ...S]).entries.filter((e: any) => e.action !== 'checkpoint.create').length,
  };
}

const UNKNOWN = /"acct-typo".*not on this desk.*acct-alpaca-01, acct-binance-01/;

describe('an unknown account', () => {
  it('reconcile --account refuses it in every format and strategy, and writes nothing', () => {
    const { broker, S } = demo();
    const before = footprint(S);
    const files = [['ccxt.json'], ['alpaca.json'], ['lifeboat.json'], ['broker.csv', '--mapping', join(broker, 'broker-mapping.json')]];
    for (const [file, ...rest] of files) {
      for (const strategy of ['warn', 'sync', 'halt']) {
        const r = lifeboat(['reconcile', '--broker', join(broker, file), ...rest, '--account', 'acct-typo', '--strategy', strategy, ...S]);
        expect(r.code, `${file} ${strategy}`).toBe(1);
        expect(r.stderr, `${file} ${strategy}`).toMatch(UNKNOWN);
      }
    }
    expect(footprint(S)).toEqual(before);
  });

  it('reconcile symbols --set / --remove / --account refuse it, and write nothing', () => {
    const { S } = demo();
    const before = footprint(S);
    for (const args of [['--set', 'BTCUSDT=BTC/USDT'], ['--remove', 'BTCUSDT'], []]) {
      const r = lifeboat(['reconcile', 'symbols', '--account', 'acct-typo', ...args, ...S]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(UNKNOWN);
    }
    expect(footprint(S)).toEqual(before);
  });

  it('the API refuses symbols.set and reconcile.run for it with 400 bad_request, and writes nothing', async () => {
    const { state, broker, S } = demo();
    const s = await serve(state);
    let before: ReturnType<typeof footprint>;
    try {
      // A console takes its first checkpoint as it opens a desk that has none: that is its own write, not the refused calls'.
      for (let asked = 0; asked < 10_000; asked++) if (!(await api(s, 'desk.status', {})).body.value.checkpoints.takingFirst) break;
      before = footprint(S);
      const set = await api(s, 'symbols.set', { accountId: 'acct-typo', brokerSymbol: 'BTCUSDT', symbol: 'BTC/USDT' });
      expect(set.status).toBe(400);
      expect(set.body.error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(UNKNOWN) });
      const content = readFileSync(join(broker, 'ccxt.json'), 'utf8');
      const inspect = await api(s, 'reconcile.inspect', { fileName: 'ccxt.json', content, accountId: 'acct-typo' });
      expect(inspect.status).toBe(400);
      expect(inspect.body.error.message).toMatch(UNKNOWN);
      const started = await api(s, 'reconcile.run', { fileName: 'ccxt.json', content, accountId: 'acct-typo', strategy: 'sync' });
      expect(started.status).toBe(200);
      let job = started.body.value;
      for (let asked = 0; job.state === 'running' && asked < 10_000; asked++) job = (await api(s, 'jobs.get', { jobId: job.jobId })).body.value;
      expect(job).toMatchObject({ state: 'failed', errorCode: 'bad_request', error: expect.stringMatching(UNKNOWN) });
    } finally {
      await s.stop();
    }
    expect(footprint(S)).toEqual(before!);
  });
});
