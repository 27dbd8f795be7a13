#!/usr/bin/env node
// The tests' PostgreSQL: Debian's PostgreSQL 15 on 127.0.0.1 on a free port, its cluster in a folder
// of its own (made once, kept between runs), its socket in that folder, password auth on TCP for the
// superuser `lifeboat`; ready once a client connects and SELECTs; stopped by the postmaster's pid.
// initdb refuses root: as root the programs run as the `postgres` user (runuser), which owns DIR.
//
//   node test/services/postgres.mjs start [--dir DIR] [--port P]
//       Stops whatever an earlier run left in DIR, starts the server (making the cluster the first
//       time, installing the Debian package when root), waits until a client gets in, and prints
//       one JSON line: {url, host, port, user, password, pid, dir, startMs}.
//   node test/services/postgres.mjs stop [--dir DIR]
//       Stops the server by its pid (fast shutdown); prints {stopped, stopMs}.
//
// DIR defaults to $LIFEBOAT_POSTGRES_DIR, else <tmpdir>/lifeboat-postgres-<hash of this checkout>.
// Tests that stop a server mid-operation start their own with startPostgres / stopPostgres.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { ensurePackages } from '../../build/debian-packages.mjs';
import { freePort } from './radosgw/processes.mjs';

const BIN = '/usr/lib/postgresql/15/bin';
const READY_WITHIN_MS = 60_000;
/** The test cluster's superuser and its password (a throw-away server on loopback). */
export const ADMIN = { user: 'lifeboat', password: 'lifeboat-test-admin' };
const checkout = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const defaultPostgresDir = () =>
  process.env.LIFEBOAT_POSTGRES_DIR || join(tmpdir(), `lifeboat-postgres-${createHash('sha256').update(checkout).digest('hex').slice(0, 8)}`);

const pause = (ms) => new Promise((r) => setTimeout(r, ms));
const dataDir = (dir) => join(dir, 'data');
const logFile = (dir) => join(dir, 'pg.log');
const asRoot = () => process.getuid?.() === 0;

/** The postgres user's uid/gid (made as a system user when missing), or null when not root. */
function owner() {
  if (!asRoot()) return null;
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--home-dir', '/var/lib/postgresql', '--shell', '/bin/bash', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Runs a PostgreSQL program (as the postgres user when we are root) to completion. */
function run(program, args) {
  const [cmd, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', join(BIN, program), ...args]] : [join(BIN, program), args];
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (err) {
    throw new Error(`${program} ${args.join(' ')} failed: ${String(err.stderr || err.stdout || err.message).trim().split('\n').slice(-10).join('\n')}`);
  }
}

function readPid(dir) {
  try {
    const pid = Number(readFileSync(join(dataDir(dir), 'postmaster.pid'), 'utf8').split('\n')[0].trim());
    return Number.isInteger(pid) && pid > 1 ? pid : null;
  } catch {
    return null;
  }
}

/** Alive, not a zombie, and a postgres started on our data folder (so a recycled pid is never signalled). */
function isOurs(dir, pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(dataDir(dir));
  } catch {
    return false;
  }
}

const tail = (dir) => {
  try {
    return readFileSync(logFile(dir), 'utf8').trimEnd().split('\n').slice(-10).join('\n');
  } catch {
    return '';
  }
};

/** Makes the cluster in `dir` once: superuser `lifeboat`, trust on its socket, scram on TCP. */
function initCluster(dir) {
  const who = owner();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (who) chownSync(dir, who.uid, who.gid);
  if (existsSync(join(dataDir(dir), 'PG_VERSION'))) return;
  rmSync(dataDir(dir), { recursive: true, force: true });
  const pwfile = join(dir, 'admin.pw');
  writeFileSync(pwfile, `${ADMIN.password}\n`, { mode: 0o600 });
  if (who) chownSync(pwfile, who.uid, who.gid);
  try {
    run('initdb', ['-D', dataDir(dir), '-U', ADMIN.user, `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-locale', '-N']);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** Resolves once `url` takes a connection and answers a query; rejects with the reason otherwise. */
export async function queryPostgres(url, sql = 'SELECT 1') {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return (await client.query(sql)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Starts PostgreSQL in `dir` on `port` (a free one by default): {url, host, port, user, password, pid, dir, startMs}. */
export async function startPostgres(dir = defaultPostgresDir(), { port, log = () => {} } = {}) {
  ensurePackages(['postgresql'], log);
  const started = Date.now();
  await stopPostgres(dir);
  initCluster(dir);
  const p = port ?? (await freePort());
  // Without -w: readiness is ours to see, by connecting.
  run('pg_ctl', ['-D', dataDir(dir), '-l', logFile(dir), '-o', `-p ${p} -k ${dir} -c listen_addresses=127.0.0.1`, 'start']);
  const url = `postgres://${ADMIN.user}:${ADMIN.password}@127.0.0.1:${p}/postgres`;
  const deadline = Date.now() + READY_WITHIN_MS;
  let last = 'no answer yet';
  for (;;) {
    try {
      await queryPostgres(url);
      break;
    } catch (err) {
      last = err.code ?? err.message;
    }
    if (Date.now() > deadline) throw new Error(`postgres on 127.0.0.1:${p} not ready within ${READY_WITHIN_MS / 1000} s (${last}):\n${tail(dir)}`);
    await pause(10);
  }
  return { url, host: '127.0.0.1', port: p, user: ADMIN.user, password: ADMIN.password, pid: readPid(dir), dir, startMs: Date.now() - started };
}

/** Stops the server of `dir` by the postmaster's pid (SIGINT: fast shutdown; SIGKILL after 20 s); {stopped, stopMs}. */
export async function stopPostgres(dir = defaultPostgresDir()) {
  const started = Date.now();
  const pid = readPid(dir);
  const stopped = [];
  if (pid !== null && isOurs(dir, pid)) {
    process.kill(pid, 'SIGINT');
    const deadline = Date.now() + 20_000;
    while (isOurs(dir, pid)) {
      if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
      await pause(10);
    }
    stopped.push(`postgres (pid ${pid})`);
  }
  return { stopped, stopMs: Date.now() - started };
}

function option(name) {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith('--')) usage(`${name} needs a value`);
  return value;
}

function usage(problem) {
  process.stderr.write(`postgres: ${problem}\nusage: node test/services/postgres.mjs start [--dir DIR] [--port P] | stop [--dir DIR]\n`);
  process.exit(2);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const command = process.argv[2];
  const dir = resolve(option('--dir') ?? defaultPostgresDir());
  const log = (line) => process.stderr.write(`postgres: ${line}\n`);
  try {
    if (command === 'start') {
      const portText = option('--port');
      const port = portText === undefined ? undefined : Number(portText);
      if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65_536)) usage('--port takes a TCP port');
      const server = await startPostgres(dir, { port, log });
      log(`127.0.0.1:${server.port} ready in ${server.startMs} ms`);
      process.stdout.write(`${JSON.stringify(server)}\n`);
    } else if (command === 'stop') {
      const result = await stopPostgres(dir);
      log(`stopped ${result.stopped.join(', ') || 'nothing (none running)'} in ${result.stopMs} ms`);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      usage(command ? `unknown command ${command}` : 'start or stop?');
    }
  } catch (err) {
    log(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
