// A small demo desk in its own state folder, opened for writing and closed after each test.
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { generateDesk } from '../../electron/engine/demo/generate-desk';
import { tempDir } from './temp-state';

export const DEMO_AS_OF = '2026-11-20T21:00:00.000Z';

const open: Engine[] = [];

afterEach(async () => {
  for (const e of open.splice(0)) await e.close();
});

export function demoDesk(seed: number): Engine {
  const engine = Engine.open({ stateDir: join(tempDir(), 'desk'), mode: 'write', purpose: 'test', create: true });
  open.push(engine);
  generateDesk(engine.store, { size: 'small', seed, asOf: DEMO_AS_OF });
  return engine;
}
