// `lifeboat recover PLAYBOOK`: a playbook, step by step (recover-damaged.ts, recover-in-place.ts);
// `lifeboat recover --list` names each built playbook with what it is for.
import type { Command } from '../command';
import { EXIT, UsageError } from '../exit-codes';
import { BUILT_PLAYBOOKS, NOT_BUILT_PLAYBOOKS } from '../../engine/recovery/playbooks/catalog';
import { inPlaceCommand } from './recover-in-place';
export { recoverDamagedDatabase } from './recover-damaged';

export const recoverLostWal = inPlaceCommand('lost-wal');
export const recoverUncleanShutdown = inPlaceCommand('unclean-shutdown');

export const recoverList: Command = {
  path: ['recover'],
  summary: 'List the recovery playbooks with what each is for (`lifeboat recover --list`); `lifeboat recover PLAYBOOK` runs one',
  usage: 'lifeboat recover --list [--json]',
  // --yes and --drill too, so that `recover PLAYBOK --yes` says the playbook is unknown rather than the flag.
  flags: { list: { type: 'boolean' }, yes: { type: 'boolean' }, drill: { type: 'boolean' } },
  async run(ctx) {
    const [named] = ctx.parsed.positionals;
    if (named !== undefined) throw new UsageError(`unknown playbook "${named}"; the playbooks are ${BUILT_PLAYBOOKS.map((p) => p.id).join(', ')} (\`lifeboat recover --list\`)`);
    if (!ctx.parsed.values.list) throw new UsageError(`name a playbook (${BUILT_PLAYBOOKS.map((p) => p.id).join(', ')}) or give --list: ${this.usage}`);
    ctx.out.result({ playbooks: BUILT_PLAYBOOKS, notBuiltYet: NOT_BUILT_PLAYBOOKS }, () =>
      [
        ...BUILT_PLAYBOOKS.map((p) => `${p.id.padEnd(18)} ${p.purpose}`),
        '',
        `Not built yet: ${NOT_BUILT_PLAYBOOKS.join(', ')}.`,
        'Run one: lifeboat recover PLAYBOOK [--yes] [--drill] (see lifeboat recover PLAYBOOK --help).',
      ].join('\n'),
    );
    return EXIT.ok;
  },
};
