// Alerts: when a playbook step finally fails, a JSON payload goes to the desk's alert command
// (setting `alerts.command`: a command line run without a shell, the payload on its stdin) and/or
// its webhook (setting `alerts.webhook`: POSTed as JSON). Both have a timeout; sending never throws:
// each outcome (delivered or why not) is returned for the audit trail and the history, and never
// masks the playbook's own error. The webhook URL may carry a token: only its masked form
// (userinfo and query string replaced) is ever written or said.
import { spawn } from 'node:child_process';
import { LifeboatError } from '../../../shared/result';

export const ALERT_COMMAND_KEY = 'alerts.command';
export const ALERT_WEBHOOK_KEY = 'alerts.webhook';
export const ALERT_TIMEOUT_MS = 10_000;

export interface AlertSettings {
  command: string | null;
  webhook: string | null;
}

export interface AlertPayload {
  desk: string;
  playbook: string;
  step: string;
  error: string;
  attempts: number;
  at: string;
}

export interface AlertOutcome {
  to: 'command' | 'webhook';
  /** The program (argv[0] only: its arguments may carry a secret), or the masked webhook URL. */
  target: string;
  delivered: boolean;
  /** What happened: the exit status or HTTP status, or why it was not delivered. */
  detail: string;
}

/** The payload every alert carries (pure). */
export function alertPayload(f: { desk: string; playbook: string; step: string; error: string; attempts: number; at: Date | string }): AlertPayload {
  return { desk: f.desk, playbook: f.playbook, step: f.step, error: f.error, attempts: f.attempts, at: typeof f.at === 'string' ? f.at : f.at.toISOString() };
}

/** The two settings from a desk's settings document; a value of the wrong kind is named, not used. */
export function alertSettingsOf(settings: Record<string, unknown>): AlertSettings & { problems: string[] } {
  const problems: string[] = [];
  const pick = (key: string): string | null => {
    const v = settings[key];
    if (v === undefined || v === null || v === '') return null;
    if (typeof v === 'string') return v;
    problems.push(`${key} is a ${typeof v}, not a string`);
    return null;
  };
  return { command: pick(ALERT_COMMAND_KEY), webhook: pick(ALERT_WEBHOOK_KEY), problems };
}

/**
 * A command line split into argv like a POSIX shell splits words, with no expansion of any kind:
 * single quotes keep everything, double quotes keep all but \" and \\, a backslash outside quotes
 * escapes the next character. An unterminated quote or an empty line is an error.
 */
export function splitCommandLine(line: string): string[] {
  const argv: string[] = [];
  let word: string | null = null;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new LifeboatError('bad_request', 'the command line ends with a lone backslash', ALERT_COMMAND_KEY);
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== null) argv.push(word);
      word = null;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) throw new LifeboatError('bad_request', `the command line has an unterminated ${quote === "'" ? 'single' : 'double'} quote`, ALERT_COMMAND_KEY);
  if (word !== null) argv.push(word);
  if (argv.length === 0) throw new LifeboatError('bad_request', 'the command line is empty', ALERT_COMMAND_KEY);
  return argv;
}

/** A URL safe to write down: user and password, query string and fragment replaced by "***". */
export function maskUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '(not a URL)';
  }
  const auth = u.username || u.password ? '***@' : '';
  return `${u.protocol}//${auth}${u.host}${u.pathname}${u.search ? '?***' : ''}${u.hash ? '#***' : ''}`;
}

/** Removes every secret part of `url` from a message (an error may quote what it was given). */
function scrub(message: string, url: string): string {
  let out = message.split(url).join(maskUrl(url));
  try {
    const u = new URL(url);
    for (const secret of [u.search.slice(1), u.hash.slice(1), u.username, u.password, decodeURIComponent(u.password)]) {
      if (secret.length >= 3) out = out.split(secret).join('***');
    }
  } catch {
    // not a URL: nothing of it to scrub but the whole
  }
  return out;
}

const tail = (s: string) => (s.length > 300 ? `…${s.slice(-300)}` : s).trim();

/** Runs the alert command, the payload on its stdin; resolves with what happened, never rejects. */
export function runAlertCommand(line: string, payload: AlertPayload, timeoutMs = ALERT_TIMEOUT_MS): Promise<AlertOutcome> {
  let argv: string[];
  try {
    argv = splitCommandLine(line);
  } catch (err) {
    return Promise.resolve({ to: 'command', target: '(unparsed)', delivered: false, detail: `${ALERT_COMMAND_KEY}: ${(err as LifeboatError).reason}` });
  }
  const target = argv[0];
  return new Promise((resolve) => {
    let stderr = '';
    let settled = false;
    const done = (delivered: boolean, detail: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ to: 'command', target, delivered, detail });
    };
    const child = spawn(argv[0], argv.slice(1), { shell: false, stdio: ['pipe', 'ignore', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done(false, `timed out after ${timeoutMs} ms (killed)`);
    }, timeoutMs);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
    child.on('error', (err: NodeJS.ErrnoException) => done(false, err.code === 'ENOENT' ? `${target} was not found` : `${target} could not be started: ${err.message}`));
    child.on('close', (code, signal) => {
      if (code === 0) done(true, 'exit 0');
      else done(false, `${signal ? `killed by ${signal}` : `exit ${code}`}${stderr.trim() ? `: ${tail(stderr)}` : ''}`);
    });
    // A command that does not read its stdin closes the pipe: that is its business, not a failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${JSON.stringify(payload)}\n`);
  });
}

/** POSTs the payload to the webhook; resolves with what happened, never rejects. Userinfo in the URL is sent as Basic auth. */
export async function postWebhook(url: string, payload: AlertPayload, timeoutMs = ALERT_TIMEOUT_MS): Promise<AlertOutcome> {
  const target = maskUrl(url);
  const fail = (detail: string): AlertOutcome => ({ to: 'webhook', target, delivered: false, detail: scrub(detail, url) });
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return fail(`${ALERT_WEBHOOK_KEY} is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return fail(`${ALERT_WEBHOOK_KEY} is a ${u.protocol} URL, not http(s)`);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (u.username || u.password) {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
    u.username = '';
    u.password = '';
  }
  try {
    const res = await fetch(u, { method: 'POST', headers, body: JSON.stringify(payload), signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    await res.arrayBuffer().catch(() => undefined);
    if (res.ok) return { to: 'webhook', target, delivered: true, detail: `HTTP ${res.status}` };
    return fail(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  } catch (err) {
    const e = err as Error & { cause?: Error & { code?: string } };
    if (e.name === 'TimeoutError') return fail(`timed out after ${timeoutMs} ms`);
    return fail(e.cause ? `${e.cause.code ?? e.cause.name}: ${e.cause.message}` : e.message);
  }
}

/** Sends to every configured target (both at once); no target configured: no outcome. */
export async function sendAlerts(settings: AlertSettings, payload: AlertPayload, timeoutMs = ALERT_TIMEOUT_MS): Promise<AlertOutcome[]> {
  const sends: Promise<AlertOutcome>[] = [];
  if (settings.command) sends.push(runAlertCommand(settings.command, payload, timeoutMs));
  if (settings.webhook) sends.push(postWebhook(settings.webhook, payload, timeoutMs));
  return Promise.all(sends);
}
