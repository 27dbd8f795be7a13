// The ceph.conf of the one-node test cluster: one monitor, one BlueStore OSD on a sparse file, one
// gateway, all on 127.0.0.1, no authentication between them (see /work/shared/recipes/services.md).
import { join } from 'node:path';

/** Where each part of the cluster lives under `dir`. */
export function layout(dir) {
  return {
    dir,
    conf: join(dir, 'ceph.conf'),
    state: join(dir, 'state.json'),
    monmap: join(dir, 'monmap'),
    monData: join(dir, 'mon', 'a'),
    osdData: join(dir, 'osd', '0'),
    osdBlock: join(dir, 'osd', '0.block'),
    rgwData: join(dir, 'rgw'),
    run: join(dir, 'run'),
    log: join(dir, 'log'),
  };
}

/**
 * The daemons, in start order: their ceph name, the program that runs them, and how long a SIGTERM
 * may take before SIGKILL. The gateway keeps nothing of its own (objects live in the OSD), yet its
 * lifecycle threads make a clean exit take up to ~5 s: it gets 1 s.
 */
export const DAEMONS = [
  { name: 'mon.a', program: 'ceph-mon', args: ['-i', 'a'], graceMs: 20_000 },
  { name: 'osd.0', program: 'ceph-osd', args: ['-i', '0'], graceMs: 20_000 },
  { name: 'client.rgw.a', program: 'radosgw', args: ['-n', 'client.rgw.a'], graceMs: 1_000 },
];

export const pidFile = (paths, name) => join(paths.run, `${name}.pid`);
export const logFile = (paths, name) => join(paths.log, `${name}.log`);

export function cephConf(paths, { fsid, monPort, rgwPort }) {
  return `# Written by test/services/radosgw.mjs on each start; the gateway's port changes per start.
[global]
fsid = ${fsid}
mon host = v1:127.0.0.1:${monPort}
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind ipv6 = false
auth cluster required = none
auth service required = none
auth client required = none
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
osd crush chooseleaf type = 0
mon data avail crit = 1
mon warn on pool no redundancy = false
paxos propose interval = 0.05
run dir = ${paths.run}
admin socket = ${paths.run}/$name.asok
pid file = ${paths.run}/$name.pid
log file = ${paths.log}/$name.log
client mount timeout = 30

[mon.a]
mon data = ${paths.monData}

[osd.0]
osd data = ${paths.osdData}
osd objectstore = bluestore
bluestore block path = ${paths.osdBlock}
bluestore block create = true
bluestore block size = 4294967296
osd memory target = 536870912

[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:${rgwPort} tcp_nodelay=1
rgw data = ${paths.rgwData}
rgw lc debug interval = 10
`;
}
