import { compareDecimal } from '../shared/decimal';
import { apiCall, expect, rowCount, test } from './fixtures';

test.describe('the state explorer', () => {
  test('lists every position and narrows them by symbol on the server', async ({ page, desk, openConsole }) => {
    const { rows: positions, total } = await apiCall(desk, 'positions.list', { limit: 50_000 });
    expect(positions).toHaveLength(total);
    await openConsole();
    await page.getByTestId('nav-state').click();
    const table = page.getByTestId('positions-table');
    await expect(table.getByTestId('positions-row').first()).toBeVisible();
    await expect(table.getByTestId('row-count')).toHaveText(`${total.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`);

    // The least common symbol narrows the most.
    const bySymbol = new Map<string, number>();
    for (const p of positions) bySymbol.set(p.symbol, (bySymbol.get(p.symbol) ?? 0) + 1);
    const [symbol] = [...bySymbol.entries()].sort((a, b) => a[1] - b[1])[0];
    const expected = (await apiCall(desk, 'positions.list', { search: symbol, limit: 0 })).total;
    expect(expected).toBeLessThan(total);

    await table.getByTestId('positions-table-body').focus();
    await page.keyboard.press('/');
    await expect(table.getByTestId('table-filter')).toBeFocused();
    await page.keyboard.type(symbol);
    await expect(table.getByTestId('row-count')).toHaveText(`${expected} of ${total.toLocaleString('en-US')} rows`);
    const shown = await table.locator('[data-testid="positions-row"] [data-col="symbol"]').allTextContents();
    expect(shown.length).toBe(Math.min(expected, shown.length));
    for (const s of shown) expect(s.toLowerCase()).toContain(symbol.toLowerCase());
  });

  test('narrows positions on the server by typing in a column filter: ">0" on quantity, then a symbol', async ({ page, desk, openConsole }) => {
    const { rows: positions, total } = await apiCall(desk, 'positions.list', { limit: 50_000 });
    const long = positions.filter((p) => compareDecimal(p.quantity, '0') > 0);
    expect(long.length).toBeGreaterThan(0);
    expect(long.length).toBeLessThan(total);
    const symbol = long[long.length - 1].symbol;
    const longInSymbol = long.filter((p) => p.symbol.toLowerCase().includes(symbol.toLowerCase()));

    await openConsole('#/state/positions');
    const table = page.getByTestId('positions-table');
    await expect(table.getByTestId('row-count')).toHaveText(`${total.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`);

    await table.getByTestId('column-filter-quantity').fill('>0');
    await expect(table.getByTestId('row-count')).toHaveText(`${long.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`);
    const quantities = await table.locator('[data-testid="positions-row"] [data-col="quantity"] .num').evaluateAll((els) => els.map((e) => e.getAttribute('title')));
    expect(quantities.length).toBeGreaterThan(0);
    for (const q of quantities) expect(compareDecimal(q, '0')).toBeGreaterThan(0);

    await table.getByTestId('column-filter-symbol').fill(symbol);
    await expect(table.getByTestId('row-count')).toHaveText(`${longInSymbol.length} of ${total.toLocaleString('en-US')} rows`);
    const symbols = await table.locator('[data-testid="positions-row"] [data-col="symbol"]').allTextContents();
    expect(symbols).toHaveLength(longInSymbol.length);
    for (const s of symbols) expect(s.toLowerCase()).toContain(symbol.toLowerCase());

    await table.getByTestId('clear-filters').click();
    await expect(table.getByTestId('column-filter-quantity')).toHaveValue('');
    await expect(table.getByTestId('row-count')).toHaveText(`${total.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`);
  });

  test('sorts decimals exactly and opens a row with the keyboard', async ({ page, openConsole }) => {
    await openConsole('#/state/positions');
    const table = page.getByTestId('positions-table');
    await expect(table.getByTestId('positions-row').first()).toBeVisible();
    await table.getByTestId('column-header-quantity').click();
    await expect(table.getByTestId('column-header-quantity')).toHaveAttribute('aria-sort', 'descending');
    // The header turns at once; the rows come sorted from the server a moment later (windowed list).
    const firstQuantities = () => table.locator('[data-testid="positions-row"] [data-col="quantity"] .num').evaluateAll((els) => els.slice(0, 20).map((e) => e.getAttribute('title')));
    await expect
      .poll(async () => {
        const quantities = await firstQuantities();
        return quantities.length === 20 && quantities.every((q, i) => i === 0 || compareDecimal(quantities[i - 1], q) >= 0);
      }, { message: 'the first 20 quantities in descending decimal order' })
      .toBe(true);

    await table.getByTestId('positions-table-body').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(table.locator('[data-testid="positions-row"][aria-selected="true"]')).toHaveAttribute('aria-rowindex', '2');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('detail-drawer')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('detail-drawer')).toBeHidden();
  });

  test('hides a column with the column chooser', async ({ page, openConsole }) => {
    await openConsole('#/state/positions');
    const table = page.getByTestId('positions-table');
    await expect(table.getByTestId('column-header-costBasis')).toBeVisible();
    await table.getByTestId('column-chooser').click();
    await table.getByTestId('column-toggle-costBasis').uncheck();
    await expect(table.getByTestId('column-header-costBasis')).toHaveCount(0);
    await table.getByTestId('column-toggle-costBasis').check();
    await expect(table.getByTestId('column-header-costBasis')).toBeVisible();
  });

  test('shows orders from the server with their total and status counts, and narrows them by column filters', async ({ page, desk, openConsole }) => {
    const all = await apiCall(desk, 'orders.list', {});
    const open = await apiCall(desk, 'orders.list', { scope: 'open' });
    await openConsole('#/state/orders');
    const table = page.getByTestId('orders-table');
    await expect(table.getByTestId('orders-row').first()).toBeVisible();
    await expect(page.getByTestId('orders-showing')).toHaveText(`${all.total.toLocaleString('en-US')} orders`);
    // A window of them, not all: the table scrolls over the total.
    await expect(table.getByTestId('orders-table-body')).toHaveAttribute('aria-rowcount', String(all.total));
    await page.getByTestId('orders-scope-open').click();
    await expect(page.getByTestId('orders-showing')).toHaveText(`${open.total.toLocaleString('en-US')} orders`);
    for (const [status, n] of Object.entries(open.byStatus)) {
      if (n) await expect(page.getByTestId(`status-count-${status}`)).toContainText(n.toLocaleString('en-US'));
    }

    // A column filter narrows on the server too: open buys of at least 10.
    const { rows: openOrders } = await apiCall(desk, 'orders.list', { scope: 'open', limit: 50_000 });
    const buys = openOrders.filter((o) => o.side === 'buy' && compareDecimal(o.quantity, '10') >= 0);
    expect(buys.length).toBeGreaterThan(0);
    expect(buys.length).toBeLessThan(open.total);
    await table.getByTestId('column-filter-side').fill('=buy');
    await table.getByTestId('column-filter-quantity').fill('>=10');
    await expect(page.getByTestId('orders-showing')).toHaveText(`${buys.length.toLocaleString('en-US')} ${buys.length === 1 ? 'order' : 'orders'}`);
    await expect(table.getByTestId('orders-table-body')).toHaveAttribute('aria-rowcount', String(buys.length));
  });

  test('narrows every tab to one account', async ({ page, desk, openConsole }) => {
    const status = await apiCall(desk, 'desk.status', {});
    const account = status.accounts[0];
    await openConsole('#/state/positions');
    await page.getByTestId('scope-account').selectOption(account.account.accountId);
    await expect(page.getByTestId('positions-table').getByTestId('row-count')).toHaveText(
      `${account.positions.toLocaleString('en-US')} of ${account.positions.toLocaleString('en-US')} rows`,
    );
    await page.getByTestId('tab-strategies').click();
    await expect(page.getByTestId('strategies-table').getByTestId('row-count')).toHaveText(
      `${account.strategies.total} of ${account.strategies.total} rows`,
    );
    await page.getByTestId('strategies-table').getByTestId('strategies-row').first().dblclick();
    await expect(page.getByTestId('detail-json')).toBeVisible();
  });
});
