// The checkpoint timeline with 240 manual checkpoints taken in a burst (issue #13): the manual lane
// shows counted clusters, none overlapping another, instead of a solid bar of circles; a click on a
// cluster zooms into it, where it comes apart; every mark stands for its checkpoints, so the counts
// add up to the catalog.
import type { Page } from '@playwright/test';
import { apiCall, checkpointCount, expect, test } from './fixtures';

const BURST = 240;

/** The manual lane's marks: count and horizontal extent of each, left to right. */
const manualMarks = (page: Page) =>
  page.locator('[data-testid="timeline-mark"][data-type="manual"]').evaluateAll((els) =>
    els
      .map((el) => {
        const r = el.getBoundingClientRect();
        const shape = el.querySelector('rect, circle')!.getBoundingClientRect();
        return { count: Number(el.getAttribute('data-count')), left: shape.left, right: shape.right, top: r.top };
      })
      .sort((a, b) => a.left - b.left),
  );

const markedCheckpoints = (page: Page) =>
  page.getByTestId('timeline-mark').evaluateAll((els) => els.reduce((n, el) => n + Number(el.getAttribute('data-count')), 0));

test('240 manual checkpoints read as counted clusters that come apart on a click', async ({ page, desk, openConsole }) => {
  test.setTimeout(180_000);
  for (let i = 0; i < BURST; i++) await apiCall(desk, 'checkpoints.create', { type: 'manual', label: `burst ${i + 1}` });
  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole('#/checkpoints');
  await page.getByTestId('zoom-all').click();
  await expect.poll(async () => (await markedCheckpoints(page)) - (await checkpointCount(desk))).toBe(0);

  // Far fewer marks than checkpoints, each cluster labelled with its count, and the counts add up.
  const marks = await manualMarks(page);
  const manual = (await apiCall(desk, 'checkpoints.list', {})).checkpoints.filter((c) => c.type === 'manual').length;
  expect(marks.reduce((n, m) => n + m.count, 0)).toBe(manual);
  expect(marks.length).toBeLessThan(manual / 4);
  const counts = await page.locator('[data-testid="timeline-mark"][data-type="manual"] [data-testid="timeline-cluster-count"]').allTextContents();
  expect(counts.length).toBe(marks.filter((m) => m.count > 1).length);
  expect(counts.length).toBeGreaterThan(0);
  for (const c of counts) expect(c).toMatch(/^\d+(\.\d)?k?$/);
  // Not a solid bar: neighbouring marks of the lane do not overlap.
  for (let i = 1; i < marks.length; i++) expect(marks[i].left, `mark ${i} starts after mark ${i - 1} ends`).toBeGreaterThanOrEqual(marks[i - 1].right - 0.5);

  // A click on the biggest cluster zooms into its stretch: the window narrows and the cluster comes apart.
  const chart = page.getByTestId('timeline-chart');
  const spanBefore = Number(await chart.getAttribute('data-span'));
  const biggest = page.locator('[data-testid="timeline-mark"][data-type="manual"]').filter({ has: page.getByTestId('timeline-cluster-count') });
  const sizes = await biggest.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-count'))));
  const largest = Math.max(...sizes);
  await biggest.nth(sizes.indexOf(largest)).click();
  await expect.poll(async () => Number(await chart.getAttribute('data-span'))).toBeLessThan(spanBefore / 4);
  await expect.poll(async () => Math.max(...(await manualMarks(page)).map((m) => m.count))).toBeLessThan(largest);
  await expect.poll(async () => (await manualMarks(page)).length).toBeGreaterThan(1);
});
