import { expect, test } from './fixtures';

test.describe('without the token', () => {
  test('the API refuses calls and the event stream', async ({ desk }) => {
    const none = await fetch(`${desk.origin}/api/desk.status`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ ok: false, error: { message: expect.any(String) } });

    const wrong = await fetch(`${desk.origin}/api/desk.status`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-the-token' },
      body: '{}',
    });
    expect(wrong.status).toBe(401);

    const events = await fetch(`${desk.origin}/api/events`);
    expect(events.status).toBe(401);
  });

  test('the page explains how to open the console', async ({ page, desk }) => {
    await page.goto(`${desk.origin}/`);
    await expect(page.getByTestId('needs-token')).toBeVisible();
    await expect(page.getByTestId('needs-token')).toContainText('lifeboat serve');
    await expect(page.getByTestId('header')).toHaveCount(0);
  });

  test('a stale token is refused in words, not with a broken console', async ({ page, desk }) => {
    await page.goto(`${desk.origin}/#token=stale-token-from-yesterday`);
    await expect(page.getByTestId('needs-token')).toContainText('refused');
  });
});
