// `lifeboat <command> [--state DIR] [--json]`: every engine operation, scriptable.
// Exit codes: 0 ok, 1 failed, 2 usage error, 3 a verification found a problem, 4 state folder held, 5 wrong backup passphrase.
import { LifeboatError } from '../../shared/result';
import { join } from 'node:path';
import { VERSION } from '../engine/runtime/version';
import { WorkerPool } from '../engine/workers/pool';
import { parseCommandArgs } from './args';
import { makeContext } from './context';
import { EXIT, exitCodeFor, UsageError } from './exit-codes';
import { makeOutput } from './output';
import { explainError } from '../engine/store/io-errors';
import { COMMANDS, findCommand } from './registry';

export async function main(argv: string[]): Promise<number> {
  // The bundled worker sits next to this bundle (dist/worker.cjs); threads start only if a task
  // needs one, and only for a command that wants them (command.ts).
  const threads = findCommand(argv)?.command.threads === true;
  // The S3 cold tier's thread runs the same bundle whenever a command reads from it.
  const bundle = join(__dirname, 'worker.cjs');
  const workers = new WorkerPool({ script: threads ? bundle : null, bundle });
  try {
    return await run(argv, workers);
  } finally {
    await workers.close();
  }
}

async function run(argv: string[], workers: WorkerPool): Promise<number> {
  const json = argv.includes('--json');
  const out = makeOutput(json);
  try {
    if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
      process.stdout.write(helpText());
      return argv.length === 0 ? EXIT.usage : EXIT.ok;
    }
    if (argv[0] === '--version' || argv[0] === 'version') {
      process.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    const found = findCommand(argv);
    if (!found) {
      // The command is the words before the first flag: a flag's value (--state DIR) is no command word.
      const firstFlag = argv.findIndex((a) => a.startsWith('-'));
      const words = (firstFlag < 0 ? argv : argv.slice(0, firstFlag)).slice(0, 2).join(' ');
      throw new UsageError(`unknown command "${words}"; run \`lifeboat help\` for the list`);
    }
    const parsed = parseCommandArgs(found.rest, found.command.flags, found.command.path.join(' '));
    if (parsed.values.help) {
      process.stdout.write(`${found.command.summary}\n\nUsage: ${found.command.usage}\n`);
      return EXIT.ok;
    }
    const code = await found.command.run(makeContext(parsed, out, workers, { quickCheck: found.command.quickCheck }));
    return code ?? EXIT.ok;
  } catch (err) {
    if (err instanceof UsageError) {
      out.error({ code: 'bad_request', message: err.message });
      return EXIT.usage;
    }
    if (err instanceof LifeboatError) {
      out.error(err.toApiError());
      return exitCodeFor(err.code);
    }
    // A library's stack trace helps nobody at a terminal: name the condition (LIFEBOAT_DEBUG=1 shows it).
    if (process.env.LIFEBOAT_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    const explained = explainError(err);
    out.error(explained.toApiError());
    return exitCodeFor(explained.code);
  }
}

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(' ').length));
  return [
    'Lifeboat: recovery console for algorithmic-trading state.',
    '',
    'Usage: lifeboat <command> [--state DIR] [--json]',
    '',
    ...COMMANDS.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --state DIR (default: $LIFEBOAT_STATE, else the desktop app\'s data folder)',
    'and --json (one JSON document on stdout; errors on stderr).',
    'Exit codes: 0 ok, 1 failed, 2 usage error, 3 verification found a problem, 4 state folder held, 5 wrong backup passphrase.',
    '',
  ].join('\n');
}
export { defaultStateDir } from '../engine/store/state-folder';
