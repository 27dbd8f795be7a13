// The console's pages in Chromium, one cold load each (a fresh browser context: no cache, no
// stored state): how long until the page shows its data (first meaningful content: the element
// that says so, the same ones e2e/layout.spec.ts waits for), how much script the load fetched,
// the longest task during the load, and, where the page holds a long table, the longest task while
// its rows scroll past (up to 10,000 rows, one window height per animation frame).
import { chromium, type Browser, type Page } from 'playwright-core';
import { round } from './util';

/** What each page shows once its data is in: its first meaningful content. */
export const MEANINGFUL: Record<string, string> = {
  dashboard: 'account-card',
  state: 'positions-row',
  checkpoints: 'timeline-mark',
  reconciliation: 'recon-new',
  storage: 'tier-diagram',
  backups: 'backups-add-destination',
  recovery: 'doctor-finding',
  audit: 'audit-row',
  activity: 'activity-table',
  settings: 'theme-system',
};

/** Rows a scroll run goes past at most (the issue: "while scrolling 10,000 rows"). */
const SCROLL_ROWS = 10_000;

export interface PageLoad {
  page: string;
  /** Navigation start → the page's meaningful element in the document, in ms. */
  meaningfulMs: number | null;
  /** Script bytes fetched by the load (transfer sizes, uncompressed here: the server does not compress). */
  scriptBytes: number;
  longestLoadTaskMs: number;
  /** Null when the page holds no table that scrolls. */
  scroll: { rows: number; frames: number; longestTaskMs: number; longTasks: number } | null;
}

/** Records long tasks and the moment the page's meaningful element appears, from the first byte on. */
function recorder(testId: string) {
  return `(() => {
    const rec = { tasks: [], meaningful: null };
    window.__pageLoad = rec;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) rec.tasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
    const seen = () => {
      if (rec.meaningful === null && document.querySelector('[data-testid="${testId}"]')) rec.meaningful = performance.now();
      return rec.meaningful !== null;
    };
    const watch = () => { if (!seen()) requestAnimationFrame(watch); };
    new MutationObserver(() => seen()).observe(document, { subtree: true, childList: true });
    requestAnimationFrame(watch);
  })()`;
}

interface Recorded {
  tasks: [number, number][];
  meaningful: number | null;
}

/** Scrolls the page's tallest table box from top to bottom (at most SCROLL_ROWS rows), one window per frame. */
function scrollTable(page: Page, maxRows: number) {
  return page.evaluate(async (rows) => {
    const boxes = [...document.querySelectorAll<HTMLElement>('.dt-scroll')].filter((b) => b.scrollHeight > b.clientHeight + 1);
    if (boxes.length === 0) return null;
    const box = boxes.sort((a, b) => b.scrollHeight - a.scrollHeight)[0];
    const row = box.querySelector<HTMLElement>('.dt-body [role="row"]');
    const rowHeight = row?.getBoundingClientRect().height || 28;
    const distance = Math.min(box.scrollHeight - box.clientHeight, rows * rowHeight);
    const tasks: number[] = [];
    const observer = new PerformanceObserver((l) => { for (const e of l.getEntries()) tasks.push(e.duration); });
    observer.observe({ type: 'longtask', buffered: false });
    let frames = 0;
    await new Promise<void>((done) => {
      const step = () => {
        frames++;
        box.scrollTop = Math.min(distance, box.scrollTop + box.clientHeight);
        if (box.scrollTop >= distance - 1) setTimeout(done, 300); // the last frame's work lands
        else requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    observer.disconnect();
    return { rows: Math.round(distance / rowHeight), frames, longestTaskMs: Math.max(0, ...tasks), longTasks: tasks.length };
  }, maxRows);
}

async function loadOne(browser: Browser, origin: string, token: string, id: string, viewport: { width: number; height: number }): Promise<PageLoad> {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    let scriptBytes = 0;
    page.on('response', async (r) => {
      if (r.request().resourceType() !== 'script') return;
      scriptBytes += (await r.body().catch(() => Buffer.alloc(0))).length;
    });
    const testId = MEANINGFUL[id] ?? `page-${id}`;
    await page.addInitScript(recorder(testId));
    await page.goto(`${origin}/#/${id}&token=${token}`);
    await page.getByTestId(testId).first().waitFor({ state: 'attached', timeout: 120_000 });
    // The console keeps an event stream open, so "network idle" never comes: two frames after the
    // meaningful element, the load's last task has ended.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const rec = await page.evaluate(() => (window as unknown as { __pageLoad: Recorded }).__pageLoad);
    const loadTasks = rec.tasks.filter(([start]) => rec.meaningful === null || start <= rec.meaningful).map(([, d]) => d);
    const scroll = await scrollTable(page, SCROLL_ROWS);
    return {
      page: id,
      meaningfulMs: rec.meaningful === null ? null : round(rec.meaningful, 0),
      scriptBytes,
      longestLoadTaskMs: round(Math.max(0, ...loadTasks), 0),
      scroll: scroll && { ...scroll, longestTaskMs: round(scroll.longestTaskMs, 0) },
    };
  } finally {
    await context.close();
  }
}

/** Every page in `ids`, `repeat` cold loads each; the sample with the median first meaningful content is kept per page. */
export async function measurePages(opts: { origin: string; token: string; chromium: string; ids: string[]; repeat: number; say: (s: string) => void }): Promise<{ samples: PageLoad[][]; median: PageLoad[] }> {
  const browser = await chromium.launch({
    executablePath: opts.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const samples: PageLoad[][] = [];
    for (const id of opts.ids) {
      const runs: PageLoad[] = [];
      for (let i = 0; i < opts.repeat; i++) {
        opts.say(`page ${id}: cold load ${i + 1}/${opts.repeat}…`);
        runs.push(await loadOne(browser, opts.origin, opts.token, id, { width: 1440, height: 900 }));
      }
      samples.push(runs);
    }
    const median = samples.map((runs) => [...runs].sort((a, b) => (a.meaningfulMs ?? Infinity) - (b.meaningfulMs ?? Infinity))[Math.floor(runs.length / 2)]);
    return { samples, median };
  } finally {
    await browser.close();
  }
}
