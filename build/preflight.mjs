// First step of `npm test` (and of .ci/run): the Debian packages the suite runs for real. As root
// with apt-get, the missing ones are installed (~1 min on a fresh machine, nothing when present);
// otherwise it stops before the long build, saying exactly what to install. The bench-only
// packages (restic, borg) are installed too where we can, but their absence fails no test.
// Usage: node build/preflight.mjs
import { canInstall, ensurePackages, installAdvice, missingPackages } from './debian-packages.mjs';

const FOR_TESTS = ['chromium', 'radosgw', 'ceph-mon', 'ceph-osd', 'redis-server', 'postgresql'];
const FOR_BENCHES = ['restic', 'borgbackup'];

try {
  if (canInstall()) {
    ensurePackages([...FOR_TESTS, ...FOR_BENCHES]);
  } else {
    const benches = missingPackages(FOR_BENCHES);
    if (benches.length > 0) console.error(`preflight: the benches need ${benches.join(', ')}; install them ${installAdvice(benches)}`);
    ensurePackages(FOR_TESTS);
  }
} catch (err) {
  console.error(`preflight: ${err.message}`);
  process.exit(1);
}
