// Running the Ceph programs for the test cluster: one-shot commands with a bounded time, daemons
// launched and found again by their pid files, stopped by pid. A process counts as ours only when
// its command line names our ceph.conf, so a recycled pid is never signalled.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DAEMONS, logFile, pidFile } from './ceph-conf.mjs';

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The last `lines` lines of a log, or '' when it does not exist. */
export function tail(file, lines = 15) {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Runs `program -c conf ...args` to completion; its stdout, or an Error naming it with its stderr. */
export function run(paths, program, args, { input, timeoutMs = 90_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['-c', paths.conf, ...args], { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => reject(new Error(`${program}: ${e.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(out);
      else {
        const why = signal ? `was stopped by ${signal} after ${timeoutMs} ms` : `exited ${code}`;
        reject(new Error(`${program} ${args.join(' ')} ${why}:\n${(err || out).trimEnd().split('\n').slice(-10).join('\n')}`));
      }
    });
    child.stdin.end(input ?? '');
  });
}

/**
 * Starts a daemon; Ceph's daemons fork and their launcher exits once set up. The launcher's output
 * goes to a file (never a pipe the daemon would keep open). Returns the daemon's pid.
 */
export async function launch(paths, daemon, timeoutMs = 60_000) {
  const launchLog = join(paths.log, `${daemon.name}.launch.log`);
  const fd = openSync(launchLog, 'w');
  try {
    const code = await new Promise((resolve, reject) => {
      const child = spawn(daemon.program, ['-c', paths.conf, ...daemon.args], { stdio: ['ignore', fd, fd], timeout: timeoutMs });
      child.on('error', (e) => reject(new Error(`${daemon.program}: ${e.message}`)));
      child.on('exit', (c, signal) => resolve(signal ?? c));
    });
    if (code !== 0) throw new Error(`${daemon.program} (${daemon.name}) failed to start (${code}):\n${tail(launchLog)}\n${tail(logFile(paths, daemon.name))}`);
  } finally {
    closeSync(fd);
  }
  // The launcher may exit before its forked daemon has written the pid file: look until it has.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const pid = readPid(paths, daemon.name);
    if (pid !== null && isOurs(paths, pid)) return pid;
    if (Date.now() > deadline) {
      throw new Error(`${daemon.program} (${daemon.name}) is not running after its launcher exited:\n${tail(launchLog)}\n${tail(logFile(paths, daemon.name))}`);
    }
    await pause(20);
  }
}

export function readPid(paths, name) {
  try {
    const pid = Number(readFileSync(pidFile(paths, name), 'utf8').trim());
    return Number.isInteger(pid) && pid > 1 ? pid : null;
  } catch {
    return null;
  }
}

/** Alive (not a zombie) and started with our ceph.conf. */
export function isOurs(paths, pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(paths.conf);
  } catch {
    return false;
  }
}

/** Pids of every live process started with our ceph.conf (a daemon whose pid file was lost, too). */
function ourProcesses(paths) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && pid !== process.pid && isOurs(paths, pid)) pids.push(pid);
  }
  return pids;
}

async function waitGone(paths, pid, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  while (isOurs(paths, pid)) {
    if (Date.now() > deadline) return false;
    await pause(25);
  }
  return true;
}

/** Stops one daemon by its pid (SIGTERM, then SIGKILL after its grace); whether it was running. */
export async function stopDaemon(paths, daemon) {
  const pid = readPid(paths, daemon.name);
  if (pid === null || !isOurs(paths, pid)) return false;
  process.kill(pid, 'SIGTERM');
  if (!(await waitGone(paths, pid, daemon.graceMs))) {
    process.kill(pid, 'SIGKILL');
    if (!(await waitGone(paths, pid, 5_000))) throw new Error(`${daemon.name} (pid ${pid}) outlived SIGKILL`);
  }
  rmSync(pidFile(paths, daemon.name), { force: true });
  return true;
}

/** Stops every daemon of the cluster at `paths`: gateway, OSD, monitor, each by its pid. */
export async function stopAll(paths) {
  const stopped = [];
  if (!existsSync(paths.conf)) return stopped;
  const order = [...DAEMONS].reverse();
  const byName = order.map((d) => ({ name: d.name, pid: readPid(paths, d.name), graceMs: d.graceMs }));
  const named = new Set(byName.map((d) => d.pid));
  const strays = ourProcesses(paths)
    .filter((pid) => !named.has(pid))
    .map((pid) => ({ name: `pid ${pid}`, pid, graceMs: 5_000 }));
  for (const { name, pid, graceMs } of [...strays, ...byName]) {
    if (pid === null || !isOurs(paths, pid)) continue;
    process.kill(pid, 'SIGTERM');
    if (!(await waitGone(paths, pid, graceMs))) {
      process.kill(pid, 'SIGKILL');
      if (!(await waitGone(paths, pid, 5_000))) throw new Error(`${name} (pid ${pid}) outlived SIGKILL`);
    }
    stopped.push(name);
  }
  for (const d of DAEMONS) rmSync(pidFile(paths, d.name), { force: true });
  return stopped;
}

/** A TCP port free on 127.0.0.1 just now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether something already listens on 127.0.0.1:`port`'s address (we could not bind it). */
export function portTaken(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}
