// The Debian packages the tests and benches use (a browser, a real S3 server, Redis and
// PostgreSQL for the shared tiers, baseline backup tools): which are missing, and installing them with apt-get when we are root. Used by
// build/preflight.mjs (first step of `npm test`, and of .ci/run) and by test/services/radosgw.mjs.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Each package, the program that shows it is installed, and what needs it. */
export const PACKAGES = {
  chromium: { program: 'chromium', for: 'the end-to-end suite', recommends: true },
  radosgw: { program: 'radosgw', for: 'the S3 destination tests (Ceph radosgw)', recommends: false },
  'ceph-mon': { program: 'ceph-mon', for: 'the S3 destination tests (Ceph radosgw)', recommends: false },
  'ceph-osd': { program: 'ceph-osd', for: 'the S3 destination tests (Ceph radosgw)', recommends: false },
  'redis-server': { program: 'redis-server', for: 'the shared-tier tests (Redis)', recommends: false },
  // Debian keeps the server's programs off PATH, in the version's own folder.
  postgresql: { program: '/usr/lib/postgresql/15/bin/initdb', for: 'the shared-tier tests (PostgreSQL 15)', recommends: false },
  restic: { program: 'restic', for: 'the backup benchmarks (baseline)', recommends: true },
  borgbackup: { program: 'borg', for: 'the backup benchmarks (baseline)', recommends: true },
};

/** The absolute path of `program` on PATH (or in /usr/sbin, /usr/bin), or null; an absolute `program` is looked at as it is. */
export function findProgram(program) {
  if (program.startsWith('/')) {
    try {
      accessSync(program, constants.X_OK);
      return program;
    } catch {
      return null;
    }
  }
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/bin', '/usr/bin', '/usr/sbin', '/bin'];
  for (const dir of dirs.filter(Boolean)) {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return join(dir, program);
    } catch {
      // not here
    }
  }
  return null;
}

export const missingPackages = (names) => names.filter((name) => findProgram(PACKAGES[name].program) === null);

/** The apt-get commands that install `names` (the ceph ones without recommends: they pull in 100+ more). */
export function installCommands(names) {
  const withRecommends = names.filter((n) => PACKAGES[n].recommends);
  const without = names.filter((n) => !PACKAGES[n].recommends);
  const out = [];
  if (withRecommends.length > 0) out.push(['apt-get', 'install', '-y', '-qq', ...withRecommends]);
  if (without.length > 0) out.push(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...without]);
  return out;
}

export const canInstall = () => process.getuid?.() === 0 && findProgram('apt-get') !== null;

/** What a person must run to install `names`, said in one line. */
export function installAdvice(names) {
  const cmds = installCommands(names).map((c) => c.filter((a) => a !== '-qq').join(' '));
  return `as root: apt-get update && ${cmds.join(' && ')}`;
}

/**
 * Installs the missing ones of `names` when root with apt-get (apt's output goes to stderr, so a
 * caller's stdout stays its own); otherwise throws saying exactly what to install.
 */
export function ensurePackages(names, log = (line) => process.stderr.write(`${line}\n`)) {
  const missing = missingPackages(names);
  if (missing.length === 0) return [];
  if (!canInstall()) {
    const needs = [...new Set(missing.map((n) => PACKAGES[n].for))].join('; ');
    throw new Error(`missing Debian packages ${missing.join(', ')} (for ${needs}). Install them ${installAdvice(missing)}`);
  }
  const started = Date.now();
  log(`--- installing Debian packages: ${missing.join(' ')}`);
  const apt = (args) =>
    execFileSync(args[0], ['-o', 'DPkg::Lock::Timeout=300', ...args.slice(1)], {
      stdio: ['ignore', 2, 2],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  apt(['apt-get', 'update', '-qq']);
  for (const cmd of installCommands(missing)) apt(cmd);
  const still = missingPackages(missing);
  if (still.length > 0) throw new Error(`apt-get installed, yet ${still.map((n) => PACKAGES[n].program).join(', ')} is still not on PATH`);
  log(`--- installed ${missing.join(' ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return missing;
}
