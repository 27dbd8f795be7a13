// The desktop app: one hardened window on a state folder (default: the demo desk in the user's
// data folder, created on first run). The engine runs here; the renderer reaches it over IPC.
import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { Engine } from '../engine/engine';
import { startConsoleServices } from '../engine/services/console-services';
import { ensureDemoDesk } from '../engine/demo/first-run';
import { defaultStateDir } from '../engine/store/state-folder';
import { hardenApp } from './hardening';
import { registerIpc } from './ipc';
import { registerAppScheme, serveAppScheme } from './app-scheme';
import { APP_URL } from './trusted-sender';
import { WorkerPool } from '../engine/workers/pool';

function stateDirFromArgs(argv: string[]): string {
  const i = argv.indexOf('--state');
  return i >= 0 && argv[i + 1] ? argv[i + 1] : defaultStateDir();
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenApp();
  // The bundled worker (dist/worker.cjs) sits next to this folder (dist/main).
  const workers = new WorkerPool({ script: join(__dirname, '..', 'worker.cjs') });
  const stateDir = stateDirFromArgs(process.argv);
  let engine: Engine;
  try {
    await ensureDemoDesk(stateDir);
    engine = Engine.open({ stateDir, mode: 'write', purpose: 'desktop', workers });
  } catch (err) {
    dialog.showErrorBox('Lifeboat cannot open the state folder', err instanceof Error ? err.message : String(err));
    app.exit(4);
    return;
  }
  const services = startConsoleServices(engine);
  const rendererDir = join(__dirname, '..', 'renderer');
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    backgroundColor: '#0d1117',
    title: 'Lifeboat',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  serveAppScheme(rendererDir);
  const unregister = registerIpc(engine, window);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_URL);

  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    event.preventDefault();
    closing = true;
    unregister();
    services.stop();
    engine
      .close()
      .then(() => workers.close())
      .finally(() => app.exit(0));
  });
  app.on('window-all-closed', () => app.quit());
}

// Privileged schemes must be registered before the app is ready.
registerAppScheme();
start().catch((err) => {
  dialog.showErrorBox('Lifeboat failed to start', err instanceof Error ? (err.stack ?? err.message) : String(err));
  app.exit(1);
});
