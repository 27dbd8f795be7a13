import { readInputFile } from '../../engine/state-files/limits';
import { basename, resolve } from 'node:path';
import { canonicalJson } from '../../../shared/canonical-json';
import { LifeboatError } from '../../../shared/result';
import { expectPositionals, stringFlag } from '../args';
import type { Command } from '../command';
import { exportState } from '../../engine/live/state-export';

export const stateImport: Command = {
  path: ['state', 'import'],
  summary: 'Import a strategy-checkpoint or execution-checkpoint JSON file',
  usage: 'lifeboat state import FILE [--account ACCOUNT] [--state DIR] [--json]',
  flags: { account: { type: 'string' } },
  async run(ctx) {
    const [file] = expectPositionals(ctx.parsed, 1, this.usage);
    const path = resolve(file);
    const content = readInputFile(path, 'state');
    const accountId = stringFlag(ctx.parsed.values.account);
    const result = await ctx.write('state.import', { fileName: basename(path), content, accountId }, 'cli state import');
    ctx.out.result(result, () =>
      `Imported ${basename(path)} (${result.format}) into strategy ${result.strategyId} of ${result.accountId}: ` +
      `${result.positions} positions, ${result.orders} orders (audit #${result.auditSeq}).` +
      result.warnings.map((w) => `\nwarning: ${w}`).join(''),
    );
  },
};

export const stateExport: Command = {
  path: ['state', 'export'],
  summary: 'Print the whole live state as canonical JSON (same state, same bytes)',
  usage: 'lifeboat state export [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const state = await ctx.read((engine) => exportState(engine.store));
    // Both forms are canonical; --json is compact, the default is indented for people.
    process.stdout.write(canonicalJson(state, ctx.out.json ? 0 : 2) + '\n');
  },
};
