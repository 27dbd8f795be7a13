#!/usr/bin/env node
// The tests' Redis: Debian's redis-server 7 on 127.0.0.1 on a free port, in a folder of its own,
// daemonized with a pid file; ready once it answers PING; stopped by that pid.
//
//   node test/services/redis.mjs start [--dir DIR] [--port P]
//       Stops whatever an earlier run left in DIR, starts the server (installing the Debian package
//       when root), waits until it answers, and prints one JSON line: {url, host, port, pid, dir, startMs}.
//   node test/services/redis.mjs stop [--dir DIR]
//       Stops the server by its pid file; prints {stopped, stopMs}.
//
// DIR defaults to $LIFEBOAT_REDIS_DIR, else <tmpdir>/lifeboat-redis-<hash of this checkout>.
// Tests that stop a server mid-operation start their own with startRedis / stopRedis.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensurePackages } from '../../build/debian-packages.mjs';
import { freePort } from './radosgw/processes.mjs';

const READY_WITHIN_MS = 30_000;
const checkout = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const defaultRedisDir = () =>
  process.env.LIFEBOAT_REDIS_DIR || join(tmpdir(), `lifeboat-redis-${createHash('sha256').update(checkout).digest('hex').slice(0, 8)}`);

const pause = (ms) => new Promise((r) => setTimeout(r, ms));
const pidFile = (dir) => join(dir, 'redis.pid');
const logFile = (dir) => join(dir, 'redis.log');

function readPid(dir) {
  try {
    const pid = Number(readFileSync(pidFile(dir), 'utf8').trim());
    return Number.isInteger(pid) && pid > 1 ? pid : null;
  } catch {
    return null;
  }
}

/** Alive, not a zombie, and a redis-server whose pid file is ours (so a recycled pid is never signalled). */
function isOurs(dir, pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server') && readPid(dir) === pid;
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

/** Resolves once a PING on a fresh connection is answered +PONG; rejects with the reason otherwise. */
export function pingRedis(port) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.setTimeout(2_000, () => socket.destroy(new Error('no answer within 2 s')));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      answer += d;
      if (answer.includes('\r\n')) {
        socket.end();
        if (answer.startsWith('+PONG')) resolve();
        else reject(new Error(answer.trim()));
      }
    });
    socket.on('error', (err) => reject(err));
  });
}

/** Starts redis-server in `dir` on `port` (a free one by default): {url, host, port, pid, dir, startMs}. */
export async function startRedis(dir = defaultRedisDir(), { port, log = () => {} } = {}) {
  ensurePackages(['redis-server'], log);
  const started = Date.now();
  mkdirSync(dir, { recursive: true });
  await stopRedis(dir);
  const p = port ?? (await freePort());
  const args = ['--port', String(p), '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'yes', '--pidfile', pidFile(dir), '--logfile', logFile(dir), '--save', '', '--appendonly', 'yes'];
  const code = await new Promise((res, rej) => {
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    child.on('error', (e) => rej(new Error(`redis-server: ${e.message}`)));
    child.on('exit', (c, signal) => res(signal ?? c));
  });
  if (code !== 0) throw new Error(`redis-server failed to start (${code}):\n${tail(dir)}`);
  const deadline = Date.now() + READY_WITHIN_MS;
  let last = 'no answer yet';
  for (;;) {
    try {
      await pingRedis(p);
      break;
    } catch (err) {
      last = err.code ?? err.message;
    }
    if (Date.now() > deadline) throw new Error(`redis-server on 127.0.0.1:${p} not ready within ${READY_WITHIN_MS / 1000} s (${last}):\n${tail(dir)}`);
    await pause(10);
  }
  const pid = readPid(dir);
  return { url: `redis://127.0.0.1:${p}`, host: '127.0.0.1', port: p, pid, dir, startMs: Date.now() - started };
}

/** Stops the server of `dir` by its pid (TERM, then KILL after 10 s); {stopped, stopMs}. */
export async function stopRedis(dir = defaultRedisDir()) {
  const started = Date.now();
  const pid = readPid(dir);
  const stopped = [];
  if (pid !== null && isOurs(dir, pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (isOurs(dir, pid)) {
      if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
      await pause(10);
    }
    stopped.push(`redis-server (pid ${pid})`);
  }
  rmSync(pidFile(dir), { force: true });
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
  process.stderr.write(`redis: ${problem}\nusage: node test/services/redis.mjs start [--dir DIR] [--port P] | stop [--dir DIR]\n`);
  process.exit(2);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const command = process.argv[2];
  const dir = resolve(option('--dir') ?? defaultRedisDir());
  const log = (line) => process.stderr.write(`redis: ${line}\n`);
  try {
    if (command === 'start') {
      const portText = option('--port');
      const port = portText === undefined ? undefined : Number(portText);
      if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65_536)) usage('--port takes a TCP port');
      const server = await startRedis(dir, { port, log });
      log(`${server.url} ready in ${server.startMs} ms`);
      process.stdout.write(`${JSON.stringify(server)}\n`);
    } else if (command === 'stop') {
      const result = await stopRedis(dir);
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
