// The catalogue of bad command lines: each exits with its code (2 usage, 1 failed), names what is
// wrong on stderr without a stack trace, and leaves the desk exactly as it was.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { lifeboat, lifeboatJson } from '../support/cli';
import { CLI_CASES } from './cli-cases';
import { stateFingerprint } from './desk';

let root: string;
const place: Record<string, string> = {};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lifeboat-catalogue-cli-'));
  place.state = join(root, 'desk');
  expect(lifeboat(['demo', '--state', place.state]).code).toBe(0);
  place.checkpoint = lifeboatJson(['checkpoint', 'create', '--state', place.state]).checkpointId;
  place.account = lifeboatJson(['status', '--state', place.state]).accounts[0].account.accountId;
  place.missing = join(root, 'not-there');
  place.dir = join(root, 'a-folder');
  mkdirSync(place.dir);
  place.file = join(root, 'a-file.txt');
  writeFileSync(place.file, 'hello\n');
  place.binary = join(root, 'latin1.json');
  writeFileSync(place.binary, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
  place.newstrategy = join(root, 'new-strategy.json');
  const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/import/strategy-checkpoint.json'), 'utf8'));
  writeFileSync(place.newstrategy, JSON.stringify({ ...fixture, strategy_name: 'brand-new-one' }));
  place.broker = join(place.state, 'demo-broker', readdirSync(join(place.state, 'demo-broker')).find((f) => f.endsWith('.json'))!);
  place.fresh = join(root, 'fresh');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const fill = (arg: string) => arg.replace(/\{(\w+)\}/g, (_m, k: string) => place[k] ?? `{${k}}`);

function fingerprint() {
  const engine = Engine.open({ stateDir: place.state, mode: 'read', purpose: 'catalogue check' });
  try {
    return { ...stateFingerprint(engine), files: readdirSync(place.state).sort() };
  } finally {
    void engine.close();
  }
}

describe.each(CLI_CASES)('lifeboat $args.0 $args.1: $name', (c) => {
  it(`exits ${c.exit} naming what is wrong, and changes nothing`, () => {
    const before = fingerprint();
    const r = lifeboat(c.args.map(fill));
    expect(r.code, r.stderr).toBe(c.exit);
    const said = r.stderr + (c.exit === 2 ? r.stdout : '');
    if (typeof c.fragment === 'string') expect(said).toContain(fill(c.fragment));
    else expect(said).toMatch(c.fragment);
    expect(r.stderr).not.toMatch(/\n\s+at |internal:/);
    expect(fingerprint()).toEqual(before);
  });
});
