// Every page at a laptop's 1024×700 and a desk's 1440×900: the document never scrolls sideways,
// and nothing spills past the window's right edge unless it sits in a box that scrolls (a wide
// table scrolls inside its own frame, with its identity columns pinned). Measured in the real
// browser after each page shows its data, so a clipped column or a pushed-out picker fails here.
import type { Page } from '@playwright/test';
import { ensureCheckpointHistory, expect, test } from './fixtures';

/** What each page shows once its data is in (a page not listed: its section only). */
const READY: Record<string, string> = {
  dashboard: 'account-card',
  state: 'positions-row',
  checkpoints: 'timeline-mark',
  reconciliation: 'recon-new',
  backups: 'backups-add-destination',
  recovery: 'doctor-finding',
  audit: 'audit-row',
  activity: 'activity-table',
  settings: 'theme-system',
};

/** Elements past the right edge that no scrolling box holds: "tag.class[testid] right-edge". */
function spills(page: Page): Promise<{ overflow: number; spilling: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrolls = (e: Element) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
    const held = (e: Element): boolean => {
      for (let a = e.parentElement; a; a = a.parentElement) if (scrolls(a) && a.getBoundingClientRect().right <= width + 1) return true;
      return false;
    };
    const spilling = [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.right > width + 1 && !held(e);
      })
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String((e as HTMLElement).className).split(' ')[0]}[${(e as HTMLElement).dataset.testid ?? ''}] ${Math.round(e.getBoundingClientRect().right)}`);
    return { overflow: document.documentElement.scrollWidth - width, spilling };
  });
}

for (const [width, height] of [
  [1024, 700],
  [1440, 900],
] as const) {
  test(`no page scrolls sideways or spills past the window at ${width}×${height}`, async ({ page, desk, openConsole }) => {
    // A checkpoint history, so the Checkpoints page has its timeline and table to lay out.
    await ensureCheckpointHistory(desk);
    await page.setViewportSize({ width, height });
    await openConsole();
    const pages = await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid!.slice('nav-'.length)));
    expect(pages.length).toBeGreaterThanOrEqual(9);
    for (const id of pages) {
      await page.evaluate((h) => (location.hash = h), `#/${id}`);
      await expect(page.getByTestId(`page-${id}`)).toBeVisible();
      if (READY[id]) await expect(page.getByTestId(READY[id]).first()).toBeVisible({ timeout: 30_000 });
      const seen = await spills(page);
      expect(seen, `${id} at ${width}×${height}`).toEqual({ overflow: 0, spilling: [] });
    }
  });
}
