// Each spec file gets its own demo desk: a temp state folder filled by `lifeboat demo`, served by
// `lifeboat serve --port 0 --json`. The server is started on first use in a file and stopped when
// the next file starts (or the worker ends). Waiting is on events (the JSON line, process exit),
// never on sleeps.
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckpointInfo, CheckpointType } from '../shared/api/checkpoints';
import type { ChannelName, RequestOf, ResponseOf } from '../shared/api/contract';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The CLI under test; LIFEBOAT_CLI points the suite at another build. */
export const CLI = process.env.LIFEBOAT_CLI ?? join(ROOT, 'bin', 'lifeboat.cjs');

export interface DeskOptions {
  size: 'small' | 'large';
  seed: number;
}

export interface DemoDesk {
  /** The URL `lifeboat serve` printed, with #token=… */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  port: number;
  stateDir: string;
  /** The server's process id, for tests that take the server away. */
  serverPid: number;
  /** What `lifeboat demo --json` reported. */
  demo: { accounts: number; strategies: number; positions: number; orders: number; openOrders: number };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface Running {
  key: string;
  desk: DemoDesk;
  server: ChildProcess;
  tempRoot: string;
}

/** Runs the CLI to completion without blocking the worker. */
export function runCli(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function startDesk(options: DeskOptions): Promise<Running> {
  const tempRoot = mkdtempSync(join(tmpdir(), 'lifeboat-e2e-'));
  const stateDir = join(tempRoot, 'state');
  const made = spawnSync(
    process.execPath,
    [CLI, 'demo', '--state', stateDir, '--seed', String(options.seed), '--size', options.size, '--json'],
    { cwd: ROOT, encoding: 'utf8', timeout: 600_000 },
  );
  if (made.status !== 0) {
    rmSync(tempRoot, { recursive: true, force: true });
    throw new Error(`lifeboat demo failed (exit ${made.status}): ${made.stderr || made.stdout}`);
  }
  const demo = JSON.parse(made.stdout) as DemoDesk['demo'];

  const server = spawn(process.execPath, [CLI, 'serve', '--state', stateDir, '--port', '0', '--json'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise<Running>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (why: string) => {
      server.kill('SIGKILL');
      rmSync(tempRoot, { recursive: true, force: true });
      reject(new Error(`lifeboat serve ${why}\nstdout: ${stdout}\nstderr: ${stderr}`));
    };
    server.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    server.once('error', (err) => fail(`could not start: ${err.message}`));
    server.once('exit', (code) => fail(`exited with ${code} before printing its URL`));
    server.stdout!.on('data', function onData(d: Buffer) {
      stdout += d.toString();
      const nl = stdout.indexOf('\n');
      if (nl < 0) return;
      server.stdout!.off('data', onData);
      server.removeAllListeners('exit');
      try {
        const line = JSON.parse(stdout.slice(0, nl)) as { url: string; port: number; token: string };
        const key = JSON.stringify(options);
        resolve({
          key,
          server,
          tempRoot,
          desk: { url: line.url, origin: new URL(line.url).origin, token: line.token, port: line.port, stateDir, serverPid: server.pid!, demo },
        });
      } catch (err) {
        fail(`printed something that is not JSON: ${(err as Error).message}`);
      }
    });
  });
}

async function stopDesk(running: Running): Promise<void> {
  const { server } = running;
  if (server.exitCode === null && server.signalCode === null) {
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    server.kill('SIGTERM');
    // A server that ignores SIGTERM for 15 s is killed outright.
    const force = setTimeout(() => server.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(force);
  }
  rmSync(running.tempRoot, { recursive: true, force: true });
}

/** One running desk per spec file within a worker. */
class DeskPool {
  private current: (Running & { file: string }) | null = null;

  async forFile(file: string, options: DeskOptions): Promise<DemoDesk> {
    const key = JSON.stringify(options);
    if (this.current && this.current.file === file && this.current.key === key) return this.current.desk;
    await this.stop();
    this.current = { ...(await startDesk(options)), file };
    return this.current.desk;
  }

  async stop(): Promise<void> {
    const running = this.current;
    this.current = null;
    if (running) await stopDesk(running);
  }
}

export const test = base.extend<{ deskOptions: DeskOptions; desk: DemoDesk; openConsole: (hash?: string) => Promise<void> }, { deskPool: DeskPool }>({
  deskOptions: [{ size: 'small', seed: 7 }, { option: true }],
  deskPool: [
    async ({}, use) => {
      const pool = new DeskPool();
      await use(pool);
      await pool.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  desk: async ({ deskPool, deskOptions }, use, testInfo) => {
    await use(await deskPool.forFile(testInfo.file, deskOptions));
  },
  openConsole: async ({ page, desk }, use) => {
    await use(async (hash = '') => {
      await page.goto(desk.url);
      await expect(page.getByTestId('header')).toBeVisible();
      if (hash) await page.evaluate((h) => (location.hash = h), hash);
    });
  },
});

export { expect };

/**
 * The top bar's items side by side inside the window, none squeezed narrower than its text (which
 * then spills over its neighbour); only the state folder's path may clip, with an ellipsis.
 */
export async function expectHeaderFits(page: Page): Promise<void> {
  const width = page.viewportSize()!.width;
  const items = await page.getByTestId('header').locator(':scope > *').evaluateAll((els) =>
    els
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { item: el.className, left: r.left, right: r.right, width: r.width, spills: el.scrollWidth > Math.ceil(r.width) && !el.className.includes('topbar-path') };
      })
      .filter((b) => b.width > 0 && !b.item.includes('topbar-spacer')),
  );
  expect(items.length).toBeGreaterThanOrEqual(4);
  expect(items.filter((b) => b.spills).map((b) => b.item), `header items whose text spills at ${width} px`).toEqual([]);
  for (let i = 1; i < items.length; i++) expect(items[i].left, `${items[i].item} after ${items[i - 1].item} at ${width} px`).toBeGreaterThanOrEqual(items[i - 1].right);
  expect(items[items.length - 1].right).toBeLessThanOrEqual(width);
}

/** Calls the console's API the way the renderer does. */
export async function apiCall<C extends ChannelName>(desk: DemoDesk, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const response = await fetch(`${desk.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${desk.token}` },
    body: JSON.stringify(request),
  });
  const body = (await response.json()) as { ok: true; value: ResponseOf<C> } | { ok: false; error: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error.message}`);
  return body.value;
}

/** The integer a "1,234"-style text shows. */
export function count(text: string | null): number {
  return Number((text ?? '').replace(/[^0-9]/g, ''));
}

/** "N of M rows" → [N, M]. */
export async function rowCount(scope: Page | Locator): Promise<[number, number]> {
  const text = await scope.getByTestId('row-count').textContent();
  const m = /([\d,]+) of ([\d,]+)/.exec(text ?? '');
  if (!m) throw new Error(`row count reads "${text}"`);
  return [count(m[1]), count(m[2])];
}

// ---- checkpoint history ---------------------------------------------------------------------

export interface HistoryStep {
  type?: CheckpointType;
  label?: string;
  /** Simulated trading before the checkpoint, so it has something to record. */
  ticks?: number;
}

/** Runs the simulator for `ticks` and waits for its job to finish. */
export async function simulate(desk: DemoDesk, ticks: number): Promise<void> {
  const job = await apiCall(desk, 'simulate.start', { ticks });
  await expect.poll(async () => (await apiCall(desk, 'jobs.get', { jobId: job.jobId })).state, { timeout: 60_000 }).toBe('succeeded');
}

/** A morning on the demo desk: a daily checkpoint, trading with automatic ones, a deploy, an incident. */
export const DEMO_HISTORY: readonly HistoryStep[] = [
  { type: 'daily', label: 'start of day' },
  { type: 'automatic', ticks: 30 },
  { type: 'automatic', ticks: 30 },
  { type: 'manual', label: 'before deploying momentum v2.3', ticks: 20 },
  { type: 'pre_upgrade', label: 'bot deploy v2.3' },
  { type: 'automatic', ticks: 40 },
  { type: 'automatic', ticks: 30 },
  { type: 'emergency', label: 'broker disconnect', ticks: 20 },
  { type: 'automatic', ticks: 30 },
];

/**
 * Takes the checkpoints of `steps` in order, trading between them, and returns the desk's whole
 * catalog. Once per desk: when the history's last labelled step is there already, it only returns
 * the catalog, so every test in a file may ask for it. The console's own automatic and daily
 * checkpoints may be in the catalog too; tests compare with the catalog, not with `steps`.
 */
export async function ensureCheckpointHistory(desk: DemoDesk, steps: readonly HistoryStep[] = DEMO_HISTORY): Promise<CheckpointInfo[]> {
  const marker = [...steps].reverse().find((s) => s.label)?.label;
  const existing = await apiCall(desk, 'checkpoints.list', {});
  if (marker && existing.checkpoints.some((c) => c.label === marker)) return existing.checkpoints;
  const made: CheckpointInfo[] = [];
  for (const step of steps) {
    if (step.ticks) await simulate(desk, step.ticks);
    made.push(await apiCall(desk, 'checkpoints.create', { type: step.type ?? 'automatic', ...(step.label ? { label: step.label } : {}) }));
  }
  return (await apiCall(desk, 'checkpoints.list', {})).checkpoints;
}

/** How many checkpoints the desk has now. */
export async function checkpointCount(desk: DemoDesk): Promise<number> {
  return (await apiCall(desk, 'checkpoints.list', {})).checkpoints.length;
}
