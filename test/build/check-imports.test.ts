// The import rules hold by themselves: the check npm test runs fails on a forbidden import and on
// a cycle, naming the file and line, and passes a tree that keeps them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-state';

function tree(files: Record<string, string>): string {
  const root = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function check(root: string): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, ['build/check-imports.mjs', root], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('the import check', () => {
  it('passes a tree that keeps the rules', () => {
    const root = tree({
      'shared/a.ts': "import { z } from 'zod';\nexport const a = z;\n",
      'renderer/src/b.tsx': "import type { a } from '../../shared/a';\nimport './b.css';\nexport type B = typeof a;\n",
      'electron/engine/c.ts': "import { readFileSync } from 'node:fs';\nimport { a } from '../../shared/a';\nexport const c = [a, readFileSync];\n",
      'electron/cli/d.ts': "import { c } from '../engine/c';\nexport const d = c;\n",
    });
    expect(check(root)).toMatchObject({ code: 0, out: expect.stringMatching(/4 files, no forbidden import, no cycle/) });
  });

  it('fails on Node in shared/, electron in the renderer or the engine, and a shell imported by the engine', () => {
    const root = tree({
      'shared/a.ts': "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
      'renderer/src/b.ts': "\nimport { ipcRenderer } from 'electron';\nexport const b = ipcRenderer;\n",
      'electron/engine/c.ts': "import { app } from 'electron';\nimport { d } from '../cli/d';\nexport const c = [app, d];\n",
      'electron/cli/d.ts': 'export const d = 1;\n',
    });
    const r = check(root);
    expect(r.code).toBe(1);
    expect(r.out).toContain('shared/a.ts:1: shared/ imports "node:fs"');
    expect(r.out).toContain('renderer/src/b.ts:2: renderer/ imports "electron"');
    expect(r.out).toContain('electron/engine/c.ts:1: the engine imports "electron"');
    expect(r.out).toContain('electron/engine/c.ts:2: the engine imports electron/cli/d.ts, a shell above it');
  });

  it('fails on a cycle, type-only imports included, and on a domain importing the Engine facade', () => {
    const root = tree({
      'electron/engine/engine.ts': "import { x } from './domain/x';\nexport class Engine { x = x; }\n",
      'electron/engine/domain/x.ts': "import type { Engine } from '../engine';\nexport const x = 1;\nexport type E = Engine;\n",
    });
    const r = check(root);
    expect(r.code).toBe(1);
    expect(r.out).toContain('import cycle: electron/engine/domain/x.ts ↔ electron/engine/engine.ts');
    expect(r.out).toContain('electron/engine/domain/x.ts:1: electron/engine/domain/x.ts imports the Engine facade; take a DeskContext');
  });
});
