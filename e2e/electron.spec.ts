// The desktop app, when an Electron runtime is installed: same console, over IPC.
import { _electron as electron } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, ROOT, test } from './fixtures';

const MAIN = join(ROOT, 'dist', 'main', 'main.cjs');

/**
 * The Electron binary's path, or why there is none. Found the way the electron package finds it,
 * without requiring the package: that would try to download the binary when it is missing.
 */
function electronBinary(): { path: string } | { missing: string } {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!relative && !override) return { missing: 'the Electron runtime was never downloaded (no node_modules/electron/path.txt)' };
  const path = override ? join(override, relative ?? 'electron') : join(pkgDir, 'dist', relative!);
  return existsSync(path) ? { path } : { missing: `the Electron binary is not installed (${path} does not exist)` };
}

test.describe('the desktop app', () => {
  test('opens the demo desk over IPC', async () => {
    const binary = electronBinary();
    test.skip('missing' in binary, 'missing' in binary ? `${binary.missing}; browser mode covers the same console` : '');
    const stateDir = mkdtempSync(join(tmpdir(), 'lifeboat-electron-'));
    const app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [MAIN, '--state', join(stateDir, 'state'), '--no-sandbox'],
      cwd: ROOT,
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByTestId('account-card').first()).toBeVisible();
      // Served from the app's privileged scheme, not file:// (#15 point 20).
      expect(window.url()).toMatch(/^lifeboat:\/\/app\//);
      await expect(window.getByTestId('connection-status')).toContainText('desktop');
      await window.getByTestId('nav-state').click();
      await expect(window.getByTestId('positions-row').first()).toBeVisible();
    } finally {
      await app.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
