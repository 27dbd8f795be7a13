#!/usr/bin/env node
// The tests' S3 server: Ceph radosgw on a one-node cluster, on 127.0.0.1 only, in a folder under
// the system temp dir (one per checkout, kept between runs so later starts are warm).
//
//   node test/services/radosgw.mjs start [--dir DIR] [--owner PID]
//       Stops whatever an earlier run left in DIR, starts the cluster (making it the first time,
//       installing the Debian packages when root), waits until the gateway answers, and prints
//       one JSON line: {endpoint, region, accessKeyId, secretAccessKey, pidFiles, dir, start, startMs}.
//       --owner: the test run it belongs to; another start refuses while that process lives.
//   node test/services/radosgw.mjs stop [--dir DIR]
//       Stops the daemons by their pid files; prints {stopped, stopMs}.
//   node test/services/radosgw.mjs stop-gateway [--dir DIR]   /   start-gateway [--dir DIR]
//       Stops only the gateway by its pid (the S3 server down as a client sees it: connection
//       refused), or starts it again on the same port and waits until it answers: for tests that
//       take the server away mid-operation. Print {stopped, stopMs} / {endpoint, startMs}.
//
// DIR defaults to $LIFEBOAT_RADOSGW_DIR, else <tmpdir>/lifeboat-radosgw-<hash of this checkout>.
// Progress goes to stderr; stdout carries only the JSON.
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster, startGateway, stopCluster, stopGateway } from './radosgw/cluster.mjs';

const checkout = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const defaultDir = () =>
  process.env.LIFEBOAT_RADOSGW_DIR || join(tmpdir(), `lifeboat-radosgw-${createHash('sha256').update(checkout).digest('hex').slice(0, 8)}`);

function option(name) {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith('--')) usage(`${name} needs a value`);
  return value;
}

function usage(problem) {
  process.stderr.write(`radosgw: ${problem}\nusage: node test/services/radosgw.mjs start [--dir DIR] [--owner PID] | stop | stop-gateway | start-gateway [--dir DIR]\n`);
  process.exit(2);
}

const command = process.argv[2];
const dir = resolve(option('--dir') ?? defaultDir());
const log = (line) => process.stderr.write(`radosgw: ${line}\n`);

try {
  if (command === 'start') {
    const ownerText = option('--owner');
    const owner = ownerText === undefined ? undefined : Number(ownerText);
    if (owner !== undefined && !(Number.isInteger(owner) && owner > 0)) usage('--owner takes a process id');
    const server = await startCluster(dir, { owner, log });
    log(`${server.endpoint} ready (${server.start}) in ${(server.startMs / 1000).toFixed(1)} s`);
    process.stdout.write(`${JSON.stringify(server)}\n`);
  } else if (command === 'stop') {
    const result = await stopCluster(dir);
    log(`stopped ${result.stopped.join(', ') || 'nothing (none running)'} in ${(result.stopMs / 1000).toFixed(1)} s`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else if (command === 'stop-gateway') {
    const result = await stopGateway(dir);
    log(`stopped ${result.stopped.join(', ') || 'nothing (the gateway was not running)'} in ${(result.stopMs / 1000).toFixed(1)} s`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else if (command === 'start-gateway') {
    const result = await startGateway(dir);
    log(`${result.endpoint} answers again in ${(result.startMs / 1000).toFixed(1)} s`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    usage(command ? `unknown command ${command}` : 'start, stop, stop-gateway or start-gateway?');
  }
} catch (err) {
  log(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
