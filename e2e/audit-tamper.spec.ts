// Someone edits the audit log behind the console's back: "Verify chain" must name the entry.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { expect, ROOT, test } from './fixtures';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

test('an edited audit entry is reported with its seq and the reason', async ({ page, desk, openConsole }) => {
  const db = new Database(join(desk.stateDir, 'lifeboat.db'));
  try {
    db.pragma('busy_timeout = 10000');
    db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1").run();
  } finally {
    db.close();
  }
  await openConsole('#/audit');
  await page.getByTestId('audit-verify').click();
  const result = page.getByTestId('audit-verify-result');
  await expect(result).toContainText('Chain broken');
  await expect(result).toContainText('entry #1');
  await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'audit-chain-broken.png') });
});
