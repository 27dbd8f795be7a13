// `npm start`: build, then open the desktop app on the demo desk. Where the Electron runtime is
// missing (an offline machine cannot download it), serve the same console in browser mode and
// print its URL instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const cli = join(root, 'bin', 'lifeboat.cjs');
const passThrough = process.argv.slice(2);

const built = spawnSync(process.execPath, [join(root, 'build', 'build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const electron = electronBinary();
if (electron.path) {
  const child = spawn(electron.path, [root, ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.error(`lifeboat: the Electron runtime is not available (${electron.why}).`);
  console.error('lifeboat: serving the same console in browser mode instead; open the URL below.');
  const state = stateArg() ?? defaultState();
  if (!existsSync(join(state, 'lifeboat.db'))) {
    console.error(`lifeboat: first run: building the demo desk in ${state}`);
    const demo = spawnSync(process.execPath, [cli, 'demo', '--state', state, '--as-of', 'now'], { stdio: 'inherit' });
    if (demo.status !== 0) process.exit(demo.status ?? 1);
  }
  const serve = spawn(process.execPath, [cli, 'serve', '--state', state, ...withoutState(passThrough)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => serve.kill(signal));
  serve.on('exit', (code) => process.exit(code ?? 0));
}

// Finds the Electron executable the way the electron package does, but never triggers its
// download: an offline machine gets browser mode at once instead of a failed fetch.
function electronBinary() {
  let dir;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { why: 'the electron package is not installed' };
  }
  const pathFile = join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(path) ? { path } : { why: `no Electron at ${path}` };
  }
  if (!relative) return { why: 'its binary was never downloaded (no network at install time)' };
  const path = join(dir, 'dist', relative);
  return existsSync(path) ? { path } : { why: `no binary at ${path}` };
}

function stateArg() {
  const i = passThrough.indexOf('--state');
  return i >= 0 ? passThrough[i + 1] : undefined;
}

function withoutState(args) {
  const i = args.indexOf('--state');
  return i >= 0 ? [...args.slice(0, i), ...args.slice(i + 2)] : args;
}

// The same folder the desktop app and the CLI use (electron/engine/store/state-folder.ts).
function defaultState() {
  const r = spawnSync(process.execPath, ['-e', "console.log(require(process.argv[1]).defaultStateDir())", join(root, 'dist', 'cli.cjs')], {
    encoding: 'utf8',
  });
  return r.stdout.trim();
}
