// The database schema, as numbered migrations, one file each. Decimal columns are TEXT holding
// canonical decimal strings; times are ISO-8601 UTC strings. Never edit a shipped migration: add a
// new file and list it here.
import type { Migration } from './migration';
import { migration1 } from './001-live-state-and-audit-trail';
import { migration2 } from './002-checkpoints-and-change-tracking';
import { migration3 } from './003-reconciliation-runs-and-symbol-mappings';
import { migration4 } from './004-state-hash-and-layered-checkpoints';
import { migration5 } from './005-chunk-codecs';
import { migration6 } from './006-application-id';
import { migration7 } from './007-audit-signatures-and-anchors';
import { migration8 } from './008-job-history';
import { migration9 } from './009-self-contained-chunks';
import { migration10 } from './010-pre-sync-checkpoints';
import { migration11 } from './011-discrepancies';
import { migration12 } from './012-backups';
import { migration13 } from './013-backup-pins-and-packs';
import { migration14 } from './014-pre-restore-checkpoints';
import { migration15 } from './015-storage-tiers';
import { migration16 } from './016-tier-samples';

export const MIGRATIONS: readonly Migration[] = [migration1, migration2, migration3, migration4, migration5, migration6, migration7, migration8, migration9, migration10, migration11, migration12, migration13, migration14, migration15, migration16];
