// The one-node Ceph cluster behind the test S3 gateway: made once in its folder (first init), then
// started warm on later runs. A start first stops whatever an earlier run left running there.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ensurePackages } from '../../../build/debian-packages.mjs';
import { cephConf, DAEMONS, layout, logFile, pidFile } from './ceph-conf.mjs';
import { freePort, isOurs, launch, portTaken, readPid, run, stopAll, stopDaemon, tail } from './processes.mjs';

export const REGION = 'us-east-1';
const POOLS = [
  '.rgw.root',
  'default.rgw.log',
  'default.rgw.control',
  'default.rgw.meta',
  'default.rgw.buckets.index',
  'default.rgw.buckets.data',
  'default.rgw.buckets.non-ec',
  'default.rgw.glacier.data',
];
const READY_WITHIN_MS = 120_000;

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function readState(paths) {
  try {
    return JSON.parse(readFileSync(paths.state, 'utf8'));
  } catch {
    return null;
  }
}
const writeState = (paths, state) => writeFileSync(paths.state, `${JSON.stringify(state, null, 2)}\n`);

function alive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** Starts the gateway in `dir` (making the cluster when it is not there yet) and says how to reach it. */
export async function startCluster(dir, { owner, log }) {
  ensurePackages(['radosgw', 'ceph-mon', 'ceph-osd'], log);
  const started = Date.now();
  const paths = layout(dir);
  mkdirSync(dir, { recursive: true });
  let state = readState(paths);
  if (state?.owner && state.owner !== owner && alive(state.owner)) {
    throw new Error(`the test S3 server in ${dir} belongs to a test run still going (pid ${state.owner}); let it finish, or give this run its own folder with LIFEBOAT_RADOSGW_DIR`);
  }
  const leftover = await stopAll(paths);
  if (leftover.length > 0) log(`stopped what an earlier run left running: ${leftover.join(', ')}`);

  const warm = state?.initialized === true && !(await portTaken(state.monPort));
  let rgwPort;
  let running = false;
  let madeAfresh = false;
  try {
    if (warm) {
      try {
        rgwPort = await freePort();
        writeFileSync(paths.conf, cephConf(paths, { ...state, rgwPort }));
        for (const daemon of DAEMONS) await launch(paths, daemon);
        await waitForGateway(paths, rgwPort);
        running = true;
      } catch (err) {
        // A kept cluster can be unusable (an OSD stopped mid-write loses its map epoch): it only
        // holds test buckets, so make it afresh rather than fail the run.
        log(`the kept cluster did not start (${String(err.message).split('\n')[0]}): making it afresh`);
        await stopAll(paths).catch(() => {});
      }
    } else if (state?.initialized) {
      log(`the monitor's port ${state.monPort} is taken now: making the cluster afresh`);
    }
    if (!running) {
      madeAfresh = true;
      ({ state, rgwPort } = await initCluster(paths, log));
      await waitForGateway(paths, rgwPort);
    }
  } catch (err) {
    await stopAll(paths).catch(() => {});
    throw err;
  }
  writeState(paths, { ...state, owner });
  return {
    endpoint: `http://127.0.0.1:${rgwPort}`,
    region: REGION,
    accessKeyId: state.accessKeyId,
    secretAccessKey: state.secretAccessKey,
    pidFiles: DAEMONS.map((d) => pidFile(paths, d.name)),
    dir,
    start: madeAfresh ? 'first init' : 'warm',
    startMs: Date.now() - started,
  };
}

export async function stopCluster(dir) {
  const started = Date.now();
  const paths = layout(dir);
  const stopped = await stopAll(paths);
  const state = readState(paths);
  if (state) writeState(paths, { ...state, owner: undefined });
  return { stopped, stopMs: Date.now() - started };
}

/**
 * Stops only the gateway (by its pid), leaving the monitor and the OSD running: the S3 server is
 * down as a client sees it (connection refused on its port) until `startGateway`.
 */
export async function stopGateway(dir) {
  const started = Date.now();
  // Time to finish its requests and let go of its RADOS session cleanly: a gateway killed mid-request
  // can leave the next one stuck initialising for minutes.
  const stopped = await stopDaemon(layout(dir), { ...DAEMONS[2], graceMs: 20_000 });
  return { stopped: stopped ? [DAEMONS[2].name] : [], stopMs: Date.now() - started };
}

/** Starts the gateway again on the port it had (the cluster's ceph.conf), and waits until it answers. */
export async function startGateway(dir) {
  const started = Date.now();
  const paths = layout(dir);
  const port = Number(/endpoint=127\.0\.0\.1:(\d+)/.exec(readFileSync(paths.conf, 'utf8'))?.[1]);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no gateway port in ${paths.conf}: start the cluster first`);
  const rgw = DAEMONS[2];
  const pid = readPid(paths, rgw.name);
  if (pid === null || !isOurs(paths, pid)) await launch(paths, rgw);
  await waitForGateway(paths, port);
  return { endpoint: `http://127.0.0.1:${port}`, startMs: Date.now() - started };
}

/** Makes the cluster from nothing (recipe order) and leaves all three daemons running. */
async function initCluster(paths, log) {
  const began = Date.now();
  const step = (what) => log(`init ${((Date.now() - began) / 1000).toFixed(1)} s: ${what}`);
  for (const part of [paths.conf, paths.state, paths.monmap, paths.monData, paths.osdData, paths.osdBlock, paths.rgwData, paths.run, paths.log]) {
    rmSync(part, { recursive: true, force: true });
  }
  for (const folder of [paths.monData, paths.osdData, paths.rgwData, paths.run, paths.log]) mkdirSync(folder, { recursive: true });

  const monPort = await freePort();
  let rgwPort = await freePort();
  while (rgwPort === monPort) rgwPort = await freePort();
  const state = {
    initialized: false,
    fsid: randomUUID(),
    monPort,
    accessKeyId: `LIFEBOAT${randomBytes(6).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
  };
  writeFileSync(paths.conf, cephConf(paths, { ...state, rgwPort }));
  const ceph = (args, input) => run(paths, 'ceph', ['--connect-timeout', '30', ...args], { input });
  const admin = (args) => run(paths, 'radosgw-admin', args);
  const [mon, osd, rgw] = DAEMONS;

  step('monitor');
  await run(paths, 'monmaptool', ['--create', '--fsid', state.fsid, '--addv', 'a', `v1:127.0.0.1:${monPort}`, paths.monmap]);
  await run(paths, 'ceph-mon', ['--mkfs', '-i', 'a', '--monmap', paths.monmap]);
  await launch(paths, mon);

  step('OSD (BlueStore on a sparse 4 GiB file)');
  const osdUuid = randomUUID(); // the same uuid for `osd create` and the OSD's mkfs, or it exits "wrong fsid"
  await ceph(['osd', 'create', osdUuid, '0']);
  await run(paths, 'ceph-osd', ['-i', '0', '--mkfs', '--osd-uuid', osdUuid]);
  step('CRUSH and the gateway pools');
  // One `ceph` process reads these from stdin: one start-up, one connection for all of them.
  const commands = [
    'osd crush add osd.0 1.0 host=localhost',
    'osd crush move localhost root=default',
    ...POOLS.flatMap((pool) => [`osd pool create ${pool} 8 8`, `osd pool application enable ${pool} rgw`]),
  ];
  await ceph([], `${commands.join('\n')}\n`);
  const pools = (await ceph(['osd', 'pool', 'ls'])).split('\n').filter(Boolean);
  const missing = POOLS.filter((p) => !pools.includes(p));
  if (missing.length > 0) throw new Error(`ceph did not create the pools ${missing.join(', ')}`);
  await launch(paths, osd);

  step('gateway user and the GLACIER storage class');
  await admin(['user', 'create', '--uid=lifeboat', '--display-name=Lifeboat tests', `--access-key=${state.accessKeyId}`, `--secret-key=${state.secretAccessKey}`]);
  await admin(['zonegroup', 'placement', 'add', '--rgw-zonegroup', 'default', '--placement-id', 'default-placement', '--storage-class', 'GLACIER']);
  await admin(['zone', 'placement', 'add', '--rgw-zone', 'default', '--placement-id', 'default-placement', '--storage-class', 'GLACIER', '--data-pool', 'default.rgw.glacier.data', '--compression', 'zstd']);
  step('gateway');
  await launch(paths, rgw);
  state.initialized = true;
  writeState(paths, state);
  return { state, rgwPort };
}

/** Polls the gateway's anonymous bucket listing until it answers 200 (bounded; fails fast if it died). */
async function waitForGateway(paths, port) {
  const [, , rgw] = DAEMONS;
  const deadline = Date.now() + READY_WITHIN_MS;
  let last = 'no answer yet';
  let goneSince = null;
  while (Date.now() < deadline) {
    // The pid file is read each time: a daemon's launcher may write it before the forked daemon
    // rewrites it with its own pid. Gone for a second running is gone.
    const pid = readPid(paths, rgw.name);
    if (pid !== null && isOurs(paths, pid)) goneSince = null;
    else if ((goneSince ??= Date.now()) < Date.now() - 1_000) throw new Error(`radosgw exited while starting:\n${tail(logFile(paths, rgw.name))}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.cause?.code ?? err.name;
    }
    await pause(50);
  }
  throw new Error(`radosgw on 127.0.0.1:${port} not ready within ${READY_WITHIN_MS / 1000} s (${last}):\n${tail(logFile(paths, rgw.name))}`);
}
