// Which files of the state folder a backup takes: everything beside the database but the database's
// own files, the lease, the secrets, temp files and the damaged files a recovery moved aside.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../../electron/engine/backups/capture/file-capture';
import { tempDir } from '../../support/temp-state';

describe('the files a backup takes', () => {
  it('takes the folder but the database, lease, secrets, temp files and damaged/', () => {
    const dir = tempDir();
    const files = ['audit.key', 'lifeboat.db', 'lifeboat.db-wal', 'lifeboat.db-shm', 'lifeboat.lock', 'backup-secrets.json', 'recovery-history.jsonl', 'inbox/a.json', 'inbox/b.json.tmp', 'exports/x.csv', '.lifeboat-recover-1/desk/lifeboat.db', 'damaged/2026-12-04T20-00-00.000Z/lifeboat.db', 'damaged/2026-12-04T20-00-00.000Z/recovery.json'];
    for (const f of files) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), 'x');
    }
    expect(listFiles(dir, 'full')).toEqual(['audit.key', 'exports/x.csv', 'inbox/a.json', 'recovery-history.jsonl']);
    expect(listFiles(dir, 'snapshot')).toEqual(['audit.key']);
  });
});
