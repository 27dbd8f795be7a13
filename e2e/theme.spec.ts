// Both palettes on every page (issue #13, light theme gaps): every colour comes from the theme's
// variables, so with the light palette nothing is painted in the dark palette's own colours (the
// timeline's SVG and some CSS were hard-coded to them), and the other way round. Screenshots of each
// page in both palettes at 1440×900 and 1024×700 (test-results/screenshots/theme-*.png).
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { apiCall, ensureCheckpointHistory, expect, ROOT, test } from './fixtures';

const shot = (name: string) => join(ROOT, 'test-results', 'screenshots', `${name}.png`);

const READY: Record<string, string> = {
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

/** Each palette's own surface and text colours, as the browser computes them. */
const PALETTE = {
  dark: ['rgb(11, 14, 18)', 'rgb(17, 21, 27)', 'rgb(20, 25, 32)', 'rgb(24, 30, 38)', 'rgb(213, 220, 229)', 'rgb(238, 242, 246)'],
  light: ['rgb(238, 241, 245)', 'rgb(243, 245, 248)', 'rgb(30, 40, 51)', 'rgb(12, 19, 27)'],
};

/** Visible elements painted (background, text, border, SVG fill or stroke) in one of `colours`: "tag.class[testid] property colour". */
function paintedIn(page: Page, colours: string[]): Promise<string[]> {
  return page.evaluate((bad) => {
    const out: string[] = [];
    for (const e of document.querySelectorAll<HTMLElement | SVGElement>('body *')) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const cs = getComputedStyle(e);
      if (cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
      const svg = e instanceof SVGElement;
      const props: [string, string][] = svg
        ? [
            ['fill', cs.fill],
            ['stroke', cs.stroke],
          ]
        : [
            ['background-color', cs.backgroundColor],
            ['color', (e.textContent ?? '').trim() ? cs.color : ''],
            ['border-color', cs.borderTopWidth !== '0px' && cs.borderTopStyle !== 'none' ? cs.borderTopColor : ''],
          ];
      for (const [prop, value] of props) {
        if (bad.includes(value)) out.push(`${e.tagName.toLowerCase()}.${String(e.getAttribute('class') ?? '').split(' ')[0]}[${e.getAttribute('data-testid') ?? ''}] ${prop} ${value}`);
      }
      if (out.length >= 8) break;
    }
    return out;
  }, colours);
}

for (const palette of ['light', 'dark'] as const) {
  test(`every page in the ${palette} palette uses only its own colours`, async ({ page, desk, openConsole }) => {
    test.setTimeout(240_000);
    await ensureCheckpointHistory(desk);
    await apiCall(desk, 'settings.set', { key: 'console.theme', value: palette });
    const other = PALETTE[palette === 'light' ? 'dark' : 'light'];
    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      await openConsole('#/dashboard');
      await expect(page.locator('html')).toHaveAttribute('data-palette', palette);
      for (const [id, ready] of Object.entries(READY)) {
        await page.evaluate((h) => (location.hash = h), `#/${id}`);
        await expect(page.getByTestId(ready).first()).toBeVisible({ timeout: 30_000 });
        expect(await paintedIn(page, other), `${id} at ${width}×${height} in ${palette}`).toEqual([]);
        await page.screenshot({ path: shot(`theme-${palette}-${id}-${width}`) });
      }
    }
    await apiCall(desk, 'settings.reset', { key: 'console.theme' });
  });
}
