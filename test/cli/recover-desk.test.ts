// `lifeboat recover bad-deploy`, the generic command of the desk playbooks, as a real process: a
// flag it does not know and a flag without its value are usage errors (exit 2) with nothing
// written; without --yes it runs the steps before the rollback, prints the rest of the plan and
// exits 2 with the desk unchanged; with --yes the desk is back at the checkpoint; --list names it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifeboat, lifeboatJson } from '../support/cli';
import { tempDir } from '../support/temp-state';

function desk(): { dir: string; id: string; root: string } {
  const dir = join(tempDir(), 'desk');
  lifeboatJson(['demo', '--state', dir, '--seed', '9']);
  const made = lifeboatJson(['checkpoint', 'create', '--type', 'pre_upgrade', '--label', 'before deploy', '--state', dir]);
  lifeboatJson(['simulate', '--ticks', '10', '--state', dir]);
  return { dir, id: made.checkpointId, root: made.rootHash };
}

const hash = (dir: string) => lifeboatJson(['state', 'hash', '--state', dir]).rootHash as string;

describe('lifeboat recover bad-deploy', () => {
  it('refuses a bad flag and a field without its value; without --yes stops before the rollback (exit 2); with --yes rolls back', () => {
    const { dir, id, root } = desk();
    const deployed = hash(dir);
    const audit = lifeboatJson(['audit', 'verify', '--state', dir]).entries;

    const bad = lifeboat(['recover', 'bad-deploy', '--colour', 'red', '--state', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/colour/);
    const empty = lifeboat(['recover', 'bad-deploy', '--checkpoint', '--state', dir]);
    expect(empty.code).not.toBe(0);
    const unknown = lifeboat(['recover', 'bad-deploy', '--checkpoint', 'MAN_20990101_000000_abcd', '--yes', '--state', dir]);
    expect(unknown.code).toBe(1); // bad input named by the engine: exit 1, as every command's
    expect(unknown.stderr).toMatch(/no checkpoint MAN_20990101_000000_abcd/);
    expect(lifeboatJson(['audit', 'verify', '--state', dir]).entries).toBe(audit);

    const plan = lifeboat(['recover', 'bad-deploy', '--checkpoint', id, '--state', dir]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/step 3\/6 \(waits for --yes.*\): Roll the desk back/);
    expect(plan.stdout).toContain('give --yes to run it');
    expect(hash(dir)).toBe(deployed);

    const done = lifeboat(['recover', 'bad-deploy', '--checkpoint', id, '--yes', '--json', '--state', dir]);
    expect(done.code, done.stderr).toBe(0);
    const r = JSON.parse(done.stdout);
    expect(r).toMatchObject({ playbook: 'bad-deploy', confirmed: true, record: { playbook: 'bad-deploy' } });
    expect(hash(dir)).toBe(root);
    expect(lifeboatJson(['audit', 'verify', '--state', dir]).ok).toBe(true);

    const list = lifeboatJson(['recover', '--list']);
    expect(list.playbooks.map((p: { id: string }) => p.id)).toContain('bad-deploy');
  });
});
