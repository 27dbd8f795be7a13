import { configDefaults, defineConfig } from 'vitest/config';

// Test files that talk to the real S3 server (Ceph radosgw). They form the `s3` project, whose
// globalSetup starts the server once per run — only in a run that includes one of them, so a
// targeted run of other tests never pays its start (3–9 s) and stop (~1 s).
const S3_TESTS = ['test/engine/backups/destination-contract.test.ts', 'test/engine/backups/s3-*.test.ts', 'test/cli/backup-s3*.test.ts', 'test/cli/tiers-s3*.test.ts'];
// Test files that talk to real Redis and PostgreSQL (the shared tiers): the `shared-tiers` project,
// whose globalSetup starts both once per run, likewise only in a run that includes one of them.
const SHARED_TIER_TESTS = ['test/engine/tiers/shared/**/*.test.ts', 'test/cli/tiers-shared*.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    // Tests that spawn and kill real processes need room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...S3_TESTS, ...SHARED_TIER_TESTS] } },
      // One file at a time: the tier tests stop the shared gateway mid-test (radosgw.mjs stop-gateway).
      { extends: true, test: { name: 's3', include: S3_TESTS, globalSetup: ['test/services/radosgw-setup.ts'], fileParallelism: false } },
      { extends: true, test: { name: 'shared-tiers', include: SHARED_TIER_TESTS, globalSetup: ['test/services/shared-tiers-setup.ts'] } },
    ],
  },
});
