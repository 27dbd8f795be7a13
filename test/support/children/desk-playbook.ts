// Runs one playbook of recovery/desk/ on a state folder to its end, saying "step N ID" before each
// step (a kill test kills it there) and "done" or "nothing to recover" at the end.
// Arguments: PLAYBOOK STATE_DIR INPUT_JSON.
import { Engine } from '../../../electron/engine/engine';
import { deskPlaybook } from '../../../electron/engine/recovery/desk/registry';
import { NothingToRecover, runPlaybook } from '../../../electron/engine/recovery/playbooks/playbook';
import type { PlaybookId } from '../../../shared/api/recovery';

const [id, dir, input] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const p = deskPlaybook(id as PlaybookId)!;
  const engine = Engine.open({ stateDir: dir, mode: 'write', purpose: `test recover ${id}` });
  try {
    const state = await p.prepare(engine, JSON.parse(input), () => new Date());
    await runPlaybook(p.playbook, state, {}, { before: (step) => say(`step ${step.n} ${step.id}`) });
    say('done');
  } catch (err) {
    if (!(err instanceof NothingToRecover)) throw err;
    say('nothing to recover');
  } finally {
    await engine.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
