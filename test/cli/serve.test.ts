import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { api, lifeboat, lifeboatJson, nextEvent, serve } from '../support/cli';
import { bundleChild, startChild } from '../support/child-process';
import { tempDir } from '../support/temp-state';

describe('lifeboat serve', () => {
  it('answers 401 without the token and 200 with it, and refuses a second serve with exit 4 naming the first', async () => {
    const state = join(tempDir(), 'desk');
    lifeboatJson(['demo', '--state', state, '--seed', '7']);
    const first = await serve(state);
    try {
      expect(first.url).toBe(`http://127.0.0.1:${first.port}/#token=${first.token}`);
      expect((await fetch(`http://127.0.0.1:${first.port}/api/desk.status`, { method: 'POST', body: '{}' })).status).toBe(401);
      const status = await api(first, 'desk.status');
      expect(status.status).toBe(200);
      expect(status.body.value.counts.accounts).toBeGreaterThan(0);

      const second = lifeboat(['serve', '--state', state, '--port', '0']);
      expect(second.code).toBe(4);
      expect(second.stderr).toMatch(new RegExp(`held by pid ${first.pid} on `));
    } finally {
      expect(await first.stop()).toBe(0);
    }
    // The lease was released on a clean stop: the folder can be served again.
    const again = await serve(state);
    await again.stop();
  });

  it('sends write commands to the console that holds the folder, which pushes the change', async () => {
    const state = join(tempDir(), 'desk');
    lifeboatJson(['demo', '--state', state, '--seed', '7']);
    const s = await serve(state);
    try {
      const before = (await api(s, 'desk.status')).body.value.counts.auditEntries;
      let sim: ReturnType<typeof lifeboat> | null = null;
      const changed = nextEvent(s, 'state.changed', () => {
        sim = lifeboat(['simulate', '--state', state, '--ticks', '20', '--seed', '5', '--json']);
      });
      expect((await changed).reason).toBe('simulate.tick');
      expect(sim!.code).toBe(0);
      expect(JSON.parse(sim!.stdout).ticks).toBe(20);
      expect((await api(s, 'desk.status')).body.value.counts.auditEntries).toBe(before + 20);
    } finally {
      await s.stop();
    }
  });

  it('a write command exits 4 naming the holder when a process without an API holds the folder', async () => {
    const state = join(tempDir(), 'desk');
    lifeboatJson(['demo', '--state', state, '--seed', '7']);
    const holder = startChild(bundleChild('test/support/children/lease-holder.ts'), [state]);
    await holder.line((l) => l.startsWith('holding '));
    try {
      const r = lifeboat(['simulate', '--state', state, '--ticks', '1']);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(new RegExp(`pid ${holder.process.pid}`));
      // Reading still works while another process holds the folder.
      expect(lifeboat(['status', '--state', state]).code).toBe(0);
    } finally {
      holder.process.kill('SIGKILL');
      await holder.exited;
    }
  });

  it('moves a malformed inbox file to inbox/rejected with a reason, leaving the state unchanged', async () => {
    const state = join(tempDir(), 'desk');
    lifeboatJson(['demo', '--state', state, '--seed', '7']);
    const before = lifeboat(['state', 'export', '--state', state, '--json']).stdout;
    const s = await serve(state);
    try {
      const rejected = nextEvent(s, 'inbox.rejected', () => writeFileSync(join(state, 'inbox', 'bot-7.json'), '{"strategy_name": "x", '));
      expect((await rejected).file).toMatch(/bot-7\.json/);
    } finally {
      await s.stop();
    }
    const files = readdirSync(join(state, 'inbox', 'rejected'));
    expect(files).toContain('bot-7.json');
    const reasonFile = files.find((f) => f.startsWith('bot-7.json') && f.endsWith('.reason.txt'))!;
    expect(readFileSync(join(state, 'inbox', 'rejected', reasonFile), 'utf8')).toMatch(/not valid JSON/);
    expect(lifeboat(['state', 'export', '--state', state, '--json']).stdout).toBe(before);
  });
});
