// The bad command lines of the catalogue, as data: arguments (with {state}, {missing}, {file}
// placeholders), the exit code (2 usage, 1 failed) and a fragment stderr must carry.
export interface CliCase {
  name: string;
  args: string[];
  exit: number;
  fragment: string | RegExp;
}

const usage = (name: string, args: string[], fragment: string | RegExp): CliCase => ({ name, args, exit: 2, fragment });
const fails = (name: string, args: string[], fragment: string | RegExp): CliCase => ({ name, args, exit: 1, fragment });
const S = ['--state', '{state}'];

export const CLI_CASES: CliCase[] = [
  // Commands and flags.
  usage('no command', [], /Usage: lifeboat/),
  usage('an unknown command', ['frobnicate', ...S], 'unknown command "frobnicate"'),
  usage('an unknown subcommand', ['checkpoint', 'explode', ...S], 'unknown command'),
  usage('an unknown flag', ['status', '--colour', ...S], '--colour'),
  usage('a flag with a value it does not take', ['status', '--json=maybe', ...S], 'json'),
  usage('a missing flag value', ['simulate', '--ticks', ...S], 'ticks'),
  usage('--state with nothing', ['status', '--state', ''], '--state'),
  usage('an extra positional', ['status', 'now', ...S], 'now'),
  // Numbers.
  usage('ticks that are not a number', ['simulate', '--ticks', 'ten', ...S], '--ticks'),
  usage('negative ticks', ['simulate', '--ticks', '-5', ...S], '--ticks'),
  usage('zero ticks', ['simulate', '--ticks', '0', ...S], '--ticks'),
  usage('fractional ticks', ['simulate', '--ticks', '2.5', ...S], '--ticks'),
  usage('ticks in exponent form', ['simulate', '--ticks', '1e3', ...S], '--ticks'),
  usage('too many ticks', ['simulate', '--ticks', '99999999999', ...S], '--ticks'),
  usage('a negative seed', ['simulate', '--ticks', '1', '--seed', '-1', ...S], '--seed'),
  usage('simulate without --ticks', ['simulate', ...S], '--ticks is required'),
  usage('an interval that is not a number', ['simulate', '--ticks', '1', '--interval-ms', 'soon', ...S], '--interval-ms'),
  // Checkpoints.
  usage('a checkpoint type that does not exist', ['checkpoint', 'create', '--type', 'whenever', ...S], '--type'),
  fails('a checkpoint id that does not exist', ['checkpoint', 'show', 'MAN_20990101_000000_beef', ...S], 'no checkpoint MAN_20990101_000000_beef'),
  fails('a checkpoint id of the wrong shape', ['checkpoint', 'show', 'latest-please', ...S], 'not a checkpoint id'),
  usage('checkpoint show without an id', ['checkpoint', 'show', ...S], 'missing argument'),
  fails('verify of an unknown checkpoint', ['checkpoint', 'verify', 'MAN_20990101_000000_beef', ...S], 'MAN_20990101_000000_beef'),
  fails('diff from a checkpoint that does not exist', ['checkpoint', 'diff', 'MAN_20990101_000000_beef', ...S], 'MAN_20990101_000000_beef'),
  usage('prune with no keep rules', ['checkpoint', 'prune', ...S], 'keep'),
  usage('prune keeping a negative count', ['checkpoint', 'prune', '--keep-last', '-2', ...S], '--keep-last'),
  usage('prune with a bad --keep-type', ['checkpoint', 'prune', '--keep-type', 'manual', ...S], '--keep-type'),
  usage('prune with an unknown type', ['checkpoint', 'prune', '--keep-type', 'weird=2', ...S], '--keep-type'),
  fails('pin an unknown checkpoint', ['checkpoint', 'pin', 'MAN_20990101_000000_beef', ...S], 'MAN_20990101_000000_beef'),
  fails('export an unknown checkpoint', ['checkpoint', 'export', 'MAN_20990101_000000_beef', ...S], 'MAN_20990101_000000_beef'),
  // Rollback.
  usage('rollback without a checkpoint', ['rollback', ...S], 'missing argument'),
  fails('rollback to an unknown checkpoint', ['rollback', 'MAN_20990101_000000_beef', '--yes', ...S], 'MAN_20990101_000000_beef'),
  fails('rollback to an unknown account', ['rollback', '{checkpoint}', '--account', 'acct-nobody', '--yes', ...S], 'acct-nobody'),
  fails('rollback to an unknown strategy', ['rollback', '{checkpoint}', '--strategy', 'stg-nope', '--yes', ...S], 'stg-nope'),
  usage('rollback naming both an account and a strategy', ['rollback', '{checkpoint}', '--account', 'a', '--strategy', 'b', '--yes', ...S], /account|strategy/),
  // State import and export.
  usage('state import without a file', ['state', 'import', ...S], 'missing argument'),
  fails('state import of a file that is not there', ['state', 'import', '{missing}', ...S], 'cannot read the file'),
  fails('state import of a folder', ['state', 'import', '{dir}', ...S], 'not a regular file'),
  fails('state import of a file that is not UTF-8', ['state', 'import', '{binary}', ...S], /UTF-8|not valid|encoded/),
  fails('state import into an unknown account', ['state', 'import', '{newstrategy}', '--account', 'acct-nobody', ...S], 'acct-nobody'),
  // State folders.
  fails('a state folder that does not exist', ['status', '--state', '{missing}'], 'state folder does not exist'),
  fails('a state folder that is a file', ['status', '--state', '{file}'], 'not a folder'),
  fails('a folder that is no state folder', ['status', '--state', '{dir}'], 'is it a Lifeboat state folder?'),
  // Doctor.
  usage('doctor with an extra positional', ['doctor', 'everything', ...S], 'everything'),
  usage('doctor with a flag it does not take', ['doctor', '--fix', ...S], '--fix'),
  fails('doctor on a folder that is no state folder', ['doctor', '--state', '{dir}'], 'is it a Lifeboat state folder?'),
  fails('doctor on a state folder that does not exist', ['doctor', '--state', '{missing}'], 'state folder does not exist'),
  fails('demo into a folder that holds a desk', ['demo', ...S], /already|holds a desk/),
  usage('demo of a size that does not exist', ['demo', '--size', 'huge', '--state', '{fresh}'], '--size'),
  // Reconciliation.
  usage('reconcile without a broker file', ['reconcile', ...S], '--broker'),
  fails('reconcile with a broker file that is not there', ['reconcile', '--broker', '{missing}', ...S], 'cannot read'),
  usage('reconcile with an unknown strategy', ['reconcile', '--broker', '{broker}', '--strategy', 'panic', ...S], '--strategy'),
  usage('reconcile with an unknown format', ['reconcile', '--broker', '{broker}', '--format', 'xml', ...S], '--format'),
  fails('reconcile against an unknown checkpoint', ['reconcile', '--broker', '{broker}', '--against', 'MAN_20990101_000000_beef', ...S], 'MAN_20990101_000000_beef'),
  fails('reconcile against a Freqtrade database that is not one', ['reconcile', '--broker', '{broker}', '--against', 'freqtrade:{file}', ...S], 'not a Freqtrade database'),
  fails('reconcile sync against a checkpoint', ['reconcile', '--broker', '{broker}', '--against', '{checkpoint}', '--strategy', 'sync', ...S], 'reconcile against live'),
  fails('reconcile for an unknown account', ['reconcile', '--broker', '{broker}', '--account', 'acct-nobody', ...S], 'acct-nobody'),
  usage('reconcile with a negative tolerance', ['reconcile', '--broker', '{broker}', '--tolerance-qty', '-1', ...S], /tolerance/),
  fails('reconcile show of an unknown run', ['reconcile', 'show', 'REC_20990101_000000_beef', ...S], 'REC_20990101_000000_beef'),
  usage('reconcile resolve without a resolution', ['reconcile', 'resolve', 'REC_20990101_000000_beef', 'F0001', ...S], /resolution|--accept-broker|usage/),
  fails('reconcile symbols set for an unknown account', ['reconcile', 'symbols', '--set', 'BTCUSD=BTC/USD', '--account', 'acct-nobody', ...S], 'acct-nobody'),
  usage('reconcile symbols set without a symbol', ['reconcile', 'symbols', '--set', 'BTCUSD', '--account', '{account}', ...S], '--set'),
  fails('reconcile symbols set with a control character', ['reconcile', 'symbols', '--set', 'BTC\u0001USD=BTC/USD', '--account', '{account}', ...S], 'control character'),
  // Settings.
  fails('settings set of a value of the wrong kind', ['settings', 'set', 'checkpoint.autoIntervalSeconds', 'soon', ...S], 'checkpoint.autoIntervalSeconds: expected a whole number of seconds'),
  fails('settings set of a tolerance as a number', ['settings', 'set', 'reconciliation.tolerance', '{"cash":{"abs":0.01}}', ...S], 'reconciliation.tolerance: expected tolerances'),
  fails('settings set of a key Lifeboat does not know', ['settings', 'set', 'desk.colour', '"red"', ...S], 'desk.colour: not a setting Lifeboat knows'),
  fails('settings set of a webhook that is not http', ['settings', 'set', 'alerts.webhook', 'ftp://host/x', ...S], 'alerts.webhook: expected an http:// or https:// address'),
  usage('settings set without a value', ['settings', 'set', 'console.theme', ...S], 'missing argument'),
  usage('settings get of a key that is not there', ['settings', 'get', 'desk.colour', ...S], 'no setting desk.colour'),
  fails('settings reset of a key Lifeboat does not know', ['settings', 'reset', 'desk.colour', ...S], 'desk.colour'),
  usage('settings retention-preview with a bad number', ['settings', 'retention-preview', '--keep-last', 'many', ...S], '--keep-last'),
  fails('settings retention-preview that keeps nothing', ['settings', 'retention-preview', '--keep-last', '0', ...S], 'at least one keep rule'),
  // Storage tiers.
  usage('tiers demote with days that are not a number', ['tiers', 'demote', '--yes', '--demote-after-days', 'soon', ...S], '--demote-after-days'),
  usage('tiers plan with a negative limit', ['tiers', 'plan', '--limit', '-1', ...S], '--limit'),
  usage('tiers plan with fractional keep-newest', ['tiers', 'plan', '--keep-newest', '1.5', ...S], '--keep-newest'),
  usage('tiers promote without a checkpoint', ['tiers', 'promote', ...S], 'missing argument'),
  fails('tiers promote of a checkpoint id of the wrong shape', ['tiers', 'promote', 'oldest', ...S], 'not a checkpoint id'),
  fails('tiers promote of a checkpoint that does not exist', ['tiers', 'promote', 'MAN_20990101_000000_beef', ...S], 'MAN_20990101_000000_beef'),
  usage('tiers history over more than the week samples are kept', ['tiers', 'history', '--since', '8d', ...S], '--since'),
  usage('tiers history with a span that is not one', ['tiers', 'history', '--since', 'yesterday', ...S], '--since'),
  // Audit, locks, serve.
  usage('audit list with a bad limit', ['audit', 'list', '--limit', 'lots', ...S], '--limit'),
  usage('lock break without --yes', ['lock', 'break', ...S], '--yes'),
  usage('serve on a port that does not exist', ['serve', '--port', '70000', ...S], '--port'),
  usage('serve on a negative port', ['serve', '--port', '-1', ...S], '--port'),
];
