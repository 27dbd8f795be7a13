// The three backup tools the backup bench runs side by side, each as its own process timed by
// /usr/bin/time (wall seconds and peak RSS): Lifeboat's CLI, restic 0.14 and Borg 1.2 from Debian,
// each with encryption and compression on, against the same state folder on the same disk.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Run {
  seconds: number;
  peakRssKb: number;
  stdout: string;
}

const CLI = join(__dirname, '..', '..', 'bin', 'lifeboat.cjs');

export function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M', cmd, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  const m = /__TIME__ ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  if (r.status === 127) throw new Error(`${cmd} is not installed: ${INSTALL[cmd] ?? 'install it'} (or run \`npm run preflight\`, which installs the benches' baselines)`);
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
  return { seconds: Number(m[1]), peakRssKb: Number(m[2]), stdout: r.stdout };
}

const INSTALL: Record<string, string> = { restic: 'apt-get install restic', borg: 'apt-get install borgbackup' };

export function folderBytes(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    n += st.isDirectory() ? folderBytes(p) : st.size;
  }
  return n;
}

export function version(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split('\n')[0] : 'not installed';
}

export interface Tool {
  name: string;
  version: string;
  init(): void;
  backup(): Run;
  restore(target: string): Run;
  check(): Run;
  repoBytes(): number;
}

export function lifeboat(state: string, repo: string, work: string): Tool & { cli: (args: string[]) => Run; lastSnapshot: () => string } {
  const passFile = join(work, 'lifeboat-pass');
  writeFileSync(passFile, 'bench passphrase, long enough\n');
  const cli = (args: string[]) => timed(process.execPath, [CLI, ...args, '--state', state, '--json']);
  let last = '';
  return {
    name: 'lifeboat',
    version: 'this tree',
    cli,
    lastSnapshot: () => last,
    init() {
      cli(['backup', 'destination', 'add', 'bench', '--folder', repo]);
      cli(['backup', 'init', '--passphrase-file', passFile]);
    },
    backup() {
      const run = cli(['backup', 'create', '--type', last ? 'incremental' : 'full', '--destination', 'bench']);
      last = (JSON.parse(run.stdout) as { destinations: { snapshot: { id: string } }[] }).destinations[0].snapshot.id;
      return run;
    },
    restore: (target) => cli(['backup', 'restore', last, '--to', target, '--destination', 'bench']),
    check: () => cli(['backup', 'verify', '--read-data', '--destination', 'bench']),
    repoBytes: () => folderBytes(repo),
  };
}

export function restic(state: string, repo: string, work: string): Tool {
  const env = { RESTIC_REPOSITORY: repo, RESTIC_PASSWORD: 'bench', RESTIC_CACHE_DIR: join(work, 'restic-cache') };
  return {
    name: 'restic',
    version: version('restic', ['version']),
    init: () => void timed('restic', ['init', '-q'], env),
    backup: () => timed('restic', ['backup', '-q', '--json', '--compression', 'auto', state], env),
    restore: (target) => timed('restic', ['restore', 'latest', '--target', target, '--verify', '-q'], env),
    check: () => timed('restic', ['check', '--read-data', '-q'], env),
    repoBytes: () => folderBytes(repo),
  };
}

export function borg(state: string, repo: string, work: string): Tool {
  const env = { BORG_REPO: repo, BORG_PASSPHRASE: 'bench', BORG_BASE_DIR: join(work, 'borg-base'), BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK: 'yes', BORG_RELOCATED_REPO_ACCESS_IS_OK: 'yes' };
  let n = 0;
  return {
    name: 'borg',
    version: version('borg', ['--version']),
    init: () => void timed('borg', ['init', '--encryption=repokey-blake2'], env),
    backup: () => timed('borg', ['create', '--compression', 'zstd,3', `::b${++n}`, state], env),
    restore: (target) => {
      mkdirSync(target, { recursive: true });
      // borg extracts into the working directory.
      return timedIn(target, 'borg', ['extract', `::b${n}`], env);
    },
    check: () => timed('borg', ['check', '--verify-data'], env),
    repoBytes: () => folderBytes(repo),
  };
}

function timedIn(cwd: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): Run {
  const r = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M', cmd, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  const m = /__TIME__ ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
  return { seconds: Number(m[1]), peakRssKb: Number(m[2]), stdout: r.stdout };
}
