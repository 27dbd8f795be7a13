// The bad HTTP requests of the catalogue, as data: what a hostile page, a DNS-rebinding attack or
// a broken client sends to `lifeboat serve`, the status it must get and what the answer says.
export interface HttpCase {
  name: string;
  method: string;
  path: string;
  /** Host header; `{port}` is replaced. Default 127.0.0.1:{port}. */
  host?: string;
  /** Authorization: 'good' (the token), 'none', or a header value to send as is. */
  auth?: 'good' | 'none' | string;
  origin?: string;
  body?: string;
  status: number;
  /** A fragment of the error message (JSON answers) or of the body. */
  fragment: string;
}

const channel = (name: string, body: unknown, fragment: string, status = 400): HttpCase => ({
  name: `${name}: ${JSON.stringify(body).slice(0, 60)}`,
  method: 'POST',
  path: `/api/${name}`,
  body: JSON.stringify(body),
  status,
  fragment,
});

export const HTTP_CASES: HttpCase[] = [
  // The token.
  { name: 'no token', method: 'POST', path: '/api/accounts.list', auth: 'none', body: '{}', status: 401, fragment: 'missing or wrong token' },
  { name: 'a wrong token', method: 'POST', path: '/api/accounts.list', auth: 'Bearer nope', body: '{}', status: 401, fragment: 'missing or wrong token' },
  { name: 'a token without Bearer', method: 'POST', path: '/api/accounts.list', auth: 'token', body: '{}', status: 401, fragment: 'missing or wrong token' },
  { name: 'Basic auth', method: 'POST', path: '/api/accounts.list', auth: 'Basic dXNlcjpwYXNz', body: '{}', status: 401, fragment: 'missing or wrong token' },
  { name: 'events without a token', method: 'GET', path: '/api/events', auth: 'none', status: 401, fragment: 'missing or wrong token' },
  { name: 'a token in the query string only', method: 'POST', path: '/api/accounts.list?token=x', auth: 'none', body: '{}', status: 401, fragment: 'missing or wrong token' },
  // Host and Origin (DNS rebinding, other sites).
  { name: 'a foreign Host', method: 'GET', path: '/', host: 'evil.example:{port}', status: 403, fragment: 'is not this console' },
  { name: 'a foreign Host on the API', method: 'POST', path: '/api/accounts.list', host: 'evil.example', body: '{}', status: 403, fragment: 'is not this console' },
  { name: 'a Host on another port', method: 'GET', path: '/', host: '127.0.0.1:1', status: 403, fragment: 'is not this console' },
  { name: 'a Host that is the LAN address', method: 'GET', path: '/', host: '192.168.1.10:{port}', status: 403, fragment: 'is not this console' },
  { name: 'a foreign Origin', method: 'POST', path: '/api/accounts.list', origin: 'https://evil.example', body: '{}', status: 403, fragment: 'is not this console' },
  { name: 'an Origin of null', method: 'POST', path: '/api/accounts.list', origin: 'null', body: '{}', status: 403, fragment: 'is not this console' },
  { name: 'an https Origin of this host', method: 'POST', path: '/api/accounts.list', origin: 'https://127.0.0.1:{port}', body: '{}', status: 403, fragment: 'is not this console' },
  // Methods and routes.
  { name: 'GET a channel', method: 'GET', path: '/api/accounts.list', status: 405, fragment: 'channels take POST' },
  { name: 'PUT a channel', method: 'PUT', path: '/api/accounts.list', body: '{}', status: 405, fragment: 'channels take POST' },
  { name: 'DELETE a channel', method: 'DELETE', path: '/api/checkpoints.prune', status: 405, fragment: 'channels take POST' },
  { name: 'POST a static file', method: 'POST', path: '/index.html', body: '{}', status: 405, fragment: 'method not allowed' },
  { name: 'POST to the events', method: 'POST', path: '/api/events', body: '{}', status: 405, fragment: 'method not allowed' },
  { name: 'an unknown channel', method: 'POST', path: '/api/drop.tables', body: '{}', status: 404, fragment: 'unknown channel "drop.tables"' },
  { name: 'a channel name with a path in it', method: 'POST', path: '/api/../api/accounts.list', body: '{}', status: 200, fragment: '"ok":true' },
  { name: 'an empty channel name', method: 'POST', path: '/api/', body: '{}', status: 404, fragment: 'unknown channel' },
  // Static paths never escape the renderer's folder.
  { name: 'traversal with ..', method: 'GET', path: '/../../etc/passwd', status: 404, fragment: 'not found' },
  { name: 'encoded traversal', method: 'GET', path: '/%2e%2e/%2e%2e/etc/passwd', status: 404, fragment: 'not found' },
  { name: 'encoded slash traversal', method: 'GET', path: '/..%2f..%2fetc%2fpasswd', status: 404, fragment: 'not found' },
  { name: 'a backslash traversal', method: 'GET', path: '/..%5c..%5cetc%5cpasswd', status: 404, fragment: 'not found' },
  { name: 'the state folder by name', method: 'GET', path: '/lifeboat.db', status: 404, fragment: 'not found' },
  { name: 'malformed percent-encoding', method: 'GET', path: '/%E0%A4%A', status: 400, fragment: 'not valid percent-encoding' },
  { name: 'a NUL in the path', method: 'GET', path: '/index.html%00.js', status: 404, fragment: 'not found' },
  // Bodies.
  { name: 'a body that is not JSON', method: 'POST', path: '/api/accounts.list', body: 'hello', status: 400, fragment: 'request body is not valid JSON' },
  { name: 'a truncated JSON body', method: 'POST', path: '/api/positions.list', body: '{"accountId": "a', status: 400, fragment: 'request body is not valid JSON' },
  { name: 'a JSON array body', method: 'POST', path: '/api/positions.list', body: '[]', status: 400, fragment: 'positions.list' },
  { name: 'a JSON string body', method: 'POST', path: '/api/positions.list', body: '"x"', status: 400, fragment: 'positions.list' },
  // Payloads: every channel's schema, field by field.
  channel('positions.list', { accountId: 5 }, 'positions.list accountId'),
  channel('positions.list', { surprise: true }, 'positions.list'),
  channel('positions.list', { accountId: 'a\u0000b' }, 'control character'),
  channel('orders.list', { scope: 'some' }, 'orders.list scope'),
  channel('orders.list', { limit: -1 }, 'orders.list limit'),
  channel('orders.list', { limit: 1e9 }, 'orders.list limit'),
  channel('orders.list', { sort: 'price; DROP TABLE orders' }, 'orders.list sort'),
  channel('audit.list', { limit: 0 }, 'audit.list limit'),
  channel('audit.list', { beforeSeq: 'ten' }, 'audit.list beforeSeq'),
  channel('checkpoints.get', { checkpointId: '../etc' }, 'not a checkpoint id'),
  channel('checkpoints.get', {}, 'checkpoints.get checkpointId'),
  channel('checkpoints.get', { checkpointId: 'MAN_20990101_000000_beef' }, 'no checkpoint MAN_20990101_000000_beef', 404),
  channel('checkpoints.create', { type: 'whenever' }, 'checkpoints.create type'),
  channel('checkpoints.create', { label: 'x'.repeat(201) }, 'checkpoints.create label'),
  channel('checkpoints.create', { label: 'ring\u0007' }, 'control character'),
  channel('checkpoints.rows', { checkpointId: 'MAN_20990101_000000_beef', table: 'users' }, 'checkpoints.rows table'),
  channel('checkpoints.rows', { checkpointId: 'MAN_20990101_000000_beef', table: 'orders', offset: -1 }, 'checkpoints.rows offset'),
  channel('checkpoints.verify', {}, 'name a checkpoint or ask for all'),
  channel('checkpoints.diff', { from: 'yesterday' }, 'checkpoints.diff from'),
  channel('checkpoints.pin', { checkpointId: 'MAN_20990101_000000_beef', pinned: 'yes' }, 'checkpoints.pin pinned'),
  channel('checkpoints.prune', { policy: { keepLast: -3 } }, 'checkpoints.prune policy.keepLast'),
  channel('checkpoints.prune', { policy: { keepForever: 1 } }, 'checkpoints.prune policy'),
  channel('rollback.preview', { checkpointId: 'nope' }, 'not a checkpoint id'),
  channel('rollback.apply', { checkpointId: 'MAN_20990101_000000_beef', scope: {} }, 'rollback.apply confirm'),
  channel('rollback.apply', { checkpointId: 'MAN_20990101_000000_beef', scope: {}, confirm: 'yes' }, 'type the checkpoint id MAN_20990101_000000_beef to confirm'),
  channel('rollback.apply', { checkpointId: 'MAN_20990101_000000_beef', scope: { accountId: '' }, confirm: 'MAN_20990101_000000_beef' }, 'rollback.apply scope.accountId'),
  channel('simulate.start', { ticks: 0 }, 'simulate.start ticks'),
  channel('simulate.start', { ticks: 1.5 }, 'simulate.start ticks'),
  channel('simulate.start', { ticks: 10, seed: -1 }, 'simulate.start seed'),
  channel('simulate.start', { ticks: 10, intervalMs: 3_600_000 }, 'simulate.start intervalMs'),
  channel('state.import', { fileName: '', content: '{}' }, 'state.import fileName'),
  channel('state.import', { fileName: 'x.json' }, 'state.import content'),
  channel('state.import', { fileName: 'x.json', content: '{}', accountId: 'nobody' }, 'nor an execution checkpoint'),
  channel('reconcile.run', { fileName: 'b.json', content: '{}', strategy: 'panic' }, 'reconcile.run strategy'),
  channel('reconcile.run', { fileName: 'b.json', content: '{}', format: 'xml' }, 'reconcile.run format'),
  channel('reconcile.run', { fileName: 'b.json', content: '{}', tolerances: { quantity: '-1' } }, 'reconcile.run tolerances.quantity'),
  channel('reconcile.get', { runId: 'REC_x' }, 'not a run id'),
  channel('reconcile.resolve', { runId: 'REC_20990101_000000_beef', itemIds: [], resolution: 'ignore' }, 'reconcile.resolve itemIds'),
  channel('reconcile.resolve', { runId: 'REC_20990101_000000_beef', itemIds: ['F0001'], resolution: 'delete' }, 'reconcile.resolve resolution'),
  channel('reconcile.resolve', { runId: 'REC_20990101_000000_beef', itemIds: ["F1'; --"], resolution: 'ignore' }, 'reconcile.resolve itemIds.0'),
  channel('reconcile.export', { runId: 'REC_20990101_000000_beef', format: 'pdf' }, 'reconcile.export format'),
  channel('symbols.set', { accountId: 'acct-alpaca-01', brokerSymbol: '', symbol: 'AAPL' }, 'symbols.set brokerSymbol'),
  channel('symbols.set', { accountId: 'nobody', brokerSymbol: 'X', symbol: 'AAPL' }, 'nobody'),
  channel('symbols.remove', { accountId: 'acct-alpaca-01' }, 'symbols.remove brokerSymbol'),
  channel('jobs.get', { jobId: 'verify-nope' }, 'no job verify-nope', 404),
  channel('jobs.cancel', {}, 'jobs.cancel jobId'),
  channel('state.repair', { force: true }, 'state.repair'),
  channel('recovery.doctor', { fix: true }, 'recovery.doctor'),
  channel('recovery.history', { all: true }, 'recovery.history'),
  channel('settings.set', { key: 'checkpoint.autoIntervalSeconds', value: -1 }, 'expected a whole number of seconds'),
  channel('settings.set', { key: 'checkpoint.autoIntervalSeconds' }, 'settings.set value'),
  channel('settings.set', { key: 'desk.colour', value: 'red' }, 'not a setting Lifeboat knows'),
  channel('settings.set', { key: 'a key\u0000', value: 1 }, 'settings.set key'),
  channel('settings.reset', { key: 'console.theme', now: true }, 'settings.reset'),
  channel('settings.retentionPreview', { policy: { keepLast: 0 } }, 'at least one keep rule'),
  channel('settings.retentionPreview', { policy: { keepLast: 'many' } }, 'expected keep rules {keepLast'),
  channel('recovery.escalations', { all: true }, 'recovery.escalations'),
  channel('tiers.status', { tier: 'cold' }, 'tiers.status'),
  channel('tiers.history', { sinceMinutes: 0 }, 'tiers.history sinceMinutes'),
  channel('tiers.history', { sinceMinutes: 90.5 }, 'tiers.history sinceMinutes'),
  channel('tiers.history', { since: '1h' }, 'tiers.history'),
  channel('tiers.checkpoints', { checkpointId: 'MAN_20990101_000000_beef' }, 'tiers.checkpoints'),
  channel('tiers.plan', { limit: -1 }, 'tiers.plan limit'),
  channel('tiers.plan', { policy: { demoteAfterDays: 'soon' } }, 'tiers.plan policy.demoteAfterDays'),
  channel('tiers.demote', { policy: { keepNewest: 1.5 } }, 'tiers.demote policy.keepNewest'),
  channel('tiers.demote', { policy: { everything: true } }, 'tiers.demote policy'),
  channel('tiers.promote', { checkpointId: '../etc' }, 'not a checkpoint id'),
  channel('tiers.promote', { checkpointId: 'MAN_20990101_000000_beef' }, 'MAN_20990101_000000_beef', 404),
  channel('recovery.startup', { since: 'yesterday' }, 'recovery.startup'),
  channel('recovery.playbooks', { all: true }, 'recovery.playbooks'),
  channel('recovery.plan', { playbook: 'fix-everything', input: {} }, 'recovery.plan playbook'),
  channel('recovery.plan', { playbook: 'bad-deploy', input: { checkpoint: 7 } }, 'recovery.plan input.checkpoint'),
  channel('recovery.plan', { playbook: 'bad-deploy', input: { checkpoint: 'MAN_20990101_000000_beef' } }, 'no checkpoint MAN_20990101_000000_beef'),
  channel('recovery.plan', { playbook: 'damaged-database', input: {} }, 'does not run on an open desk'),
  channel('recovery.run', { playbook: 'bad-deploy', input: {}, yes: 'yes' }, 'recovery.run yes'),
  channel('recovery.run', { playbook: 'bad-deploy', input: { colour: 'red' }, yes: true }, 'bad-deploy has no field colour'),
  channel('recovery.confirm', { jobId: 'recovery-nope', step: 'rollback' }, 'recovery.confirm typed'),
  channel('recovery.confirm', { jobId: 'recovery-nope', step: 'rollback', typed: 'x' }, 'no job recovery-nope', 404),
];
