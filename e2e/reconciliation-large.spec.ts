// A 100 MB broker file must not freeze the window: the page never reads, encodes or parses it
// (a worker reads and uploads it, the engine parses it in a worker thread), and shows progress.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, ROOT, test, type DemoDesk } from './fixtures';

const shot = (name: string) => join(ROOT, 'test-results', 'screenshots', `${name}.png`);
const MB = 1024 * 1024;

/**
 * The demo desk's Lifeboat snapshot padded to 100 MB with filled orders the desk never placed:
 * the engine must read every one, but closed orders unknown to us are not discrepancies, so the
 * run still finds exactly the planted differences.
 */
function hundredMegabyteSnapshot(desk: DemoDesk): { path: string; planted: number } {
  const dir = join(desk.stateDir, 'demo-broker');
  const snapshot = JSON.parse(readFileSync(join(dir, 'lifeboat.json'), 'utf8')) as { accounts: { orders: unknown[] }[] };
  const planted = (JSON.parse(readFileSync(join(dir, 'planted.json'), 'utf8')) as { files: { file: string; planted: unknown[] }[] }).files.find((f) => f.file === 'lifeboat.json')!.planted.length;
  const orders = snapshot.accounts[0].orders;
  const per = 205; // bytes of one padded order as written below, with its indentation
  for (let i = 0; i < (100 * MB) / per; i++) {
    orders.push({ brokerOrderId: `HIST-${String(i).padStart(9, '0')}`, clientOrderId: null, symbol: 'AAPL', side: i % 2 ? 'buy' : 'sell', quantity: '100', filledQuantity: '100', limitPrice: '190.25', status: 'filled' });
  }
  const path = join(mkdtempSync(join(tmpdir(), 'lifeboat-recon-large-')), 'broker-eod-full.json');
  writeFileSync(path, JSON.stringify(snapshot, null, 1));
  return { path, planted };
}

test.describe('reconciliation of a large file', () => {
  test('a 100 MB snapshot is read and uploaded with progress while the window stays responsive', async ({ page, desk, openConsole }) => {
    test.setTimeout(300_000);
    const { path, planted } = hundredMegabyteSnapshot(desk);
    expect(statSync(path).size).toBeGreaterThanOrEqual(100 * MB);

    await openConsole('#/reconciliation/new');
    await expect(page.getByTestId('recon-start')).toBeVisible();
    // Watch the page's main thread: long tasks, the longest gap between frames, and the phases shown.
    await page.evaluate(() => {
      const w = window as unknown as { lb: { longTasks: number[]; maxFrameGap: number; phases: string[]; last: number } };
      w.lb = { longTasks: [], maxFrameGap: 0, phases: [], last: performance.now() };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.lb.longTasks.push(Math.round(e.duration));
      }).observe({ type: 'longtask' });
      const frame = (t: number) => {
        w.lb.maxFrameGap = Math.max(w.lb.maxFrameGap, t - w.lb.last);
        w.lb.last = t;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[data-phase]')) {
          const phase = el.getAttribute('data-phase')!;
          if (w.lb.phases[w.lb.phases.length - 1] !== phase) w.lb.phases.push(phase);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'] });
    });
    const watched = () => page.evaluate(() => (window as unknown as { lb: { longTasks: number[]; maxFrameGap: number; phases: string[] } }).lb);
    // Taking a screenshot stalls the page's thread itself: what happened until then is not counted.
    const screenshot = async (name: string) => {
      await page.screenshot({ path: shot(name) });
      await page.evaluate(() => {
        const lb = (window as unknown as { lb: { longTasks: number[]; maxFrameGap: number; last: number } }).lb;
        lb.longTasks = [];
        lb.maxFrameGap = 0;
        lb.last = performance.now();
      });
    };

    await page.getByTestId('recon-file-input').setInputFiles(path);
    await expect(page.getByTestId('recon-read-progress')).toBeVisible();
    await screenshot('reconciliation-large-progress');
    await expect(page.getByTestId('recon-detected')).toBeVisible({ timeout: 180_000 });
    await expect(page.getByTestId('recon-coverage-line').first()).toContainText(/orders \d{3},\d{3} /);
    const inspected = await watched();
    expect(inspected.phases).toEqual(expect.arrayContaining(['read', 'upload', 'process']));

    await page.getByTestId('recon-run').click();
    // Read and uploaded a second time; the engine's job is now parsing it.
    await expect(page.getByTestId('recon-run-progress')).toBeVisible({ timeout: 180_000 });
    const sent = await watched();
    await screenshot('reconciliation-large-job');
    // A frozen window would show one task (and one frame gap) as long as the read or the upload.
    expect(Math.max(0, ...sent.longTasks)).toBeLessThan(250);
    expect(sent.maxFrameGap).toBeLessThan(400);

    await expect(page.getByTestId('recon-report')).toBeVisible({ timeout: 240_000 });
    await expect(page.getByTestId('recon-count-total')).toHaveText(String(planted));
    test.info().annotations.push({
      type: 'main thread',
      description: `while the file was read and sent twice: longest task ${Math.max(0, ...sent.longTasks)} ms, longest frame gap ${Math.round(sent.maxFrameGap)} ms; phases ${sent.phases.join(' → ')}`,
    });
  });
});
