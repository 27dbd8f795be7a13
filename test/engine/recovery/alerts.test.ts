// The alert sender: the payload builder and the command-line splitter are pure; the webhook is a
// real HTTP server on loopback, the command a real node process writing its stdin to a file. A
// webhook URL's token never appears in what is recorded; an unreachable webhook, a failing or
// missing command are outcomes, never thrown.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { alertPayload, alertSettingsOf, maskUrl, postWebhook, runAlertCommand, sendAlerts, splitCommandLine } from '../../../electron/engine/recovery/alerts';
import { closedPort, stdinToFile as scriptParts } from '../../support/alert-targets';

const payload = alertPayload({ desk: 'Demo desk', playbook: 'damaged-database', step: 'restore', error: 'usb: unreachable', attempts: 3, at: new Date('2026-12-04T21:00:00.000Z') });

describe('alertPayload', () => {
  it('is the six fields, the time in UTC ISO form', () => {
    expect(payload).toEqual({ desk: 'Demo desk', playbook: 'damaged-database', step: 'restore', error: 'usb: unreachable', attempts: 3, at: '2026-12-04T21:00:00.000Z' });
  });
});

describe('alertSettingsOf', () => {
  it('reads the two keys; a value that is not a string is named, not used', () => {
    expect(alertSettingsOf({ 'alerts.command': 'notify', 'alerts.webhook': 'http://x/' })).toEqual({ command: 'notify', webhook: 'http://x/', problems: [] });
    expect(alertSettingsOf({ 'alerts.command': 7 })).toEqual({ command: null, webhook: null, problems: ['alerts.command is a number, not a string'] });
    expect(alertSettingsOf({})).toEqual({ command: null, webhook: null, problems: [] });
  });
});

describe('splitCommandLine', () => {
  it('splits words as a shell would, with no expansion', () => {
    expect(splitCommandLine('notify-send  -u critical')).toEqual(['notify-send', '-u', 'critical']);
    expect(splitCommandLine(`/opt/my tools/alert 'a b' "c \\"d\\"" e\\ f`)).toEqual(['/opt/my', 'tools/alert', 'a b', 'c "d"', 'e f']);
    expect(splitCommandLine(`send '$HOME' "; rm -rf /" ''`)).toEqual(['send', '$HOME', '; rm -rf /', '']);
  });
  it('refuses an unterminated quote, a lone backslash, an empty line', () => {
    expect(() => splitCommandLine(`send 'open`)).toThrow(/unterminated single quote/);
    expect(() => splitCommandLine('send "open')).toThrow(/unterminated double quote/);
    expect(() => splitCommandLine('send \\')).toThrow(/lone backslash/);
    expect(() => splitCommandLine('   ')).toThrow(/empty/);
  });
});

describe('maskUrl', () => {
  it('replaces userinfo, query string and fragment', () => {
    expect(maskUrl('https://ops:s3cret@hooks.example.com/desk/alert?token=abc123#x')).toBe('https://***@hooks.example.com/desk/alert?***#***');
    expect(maskUrl('http://127.0.0.1:8080/alert')).toBe('http://127.0.0.1:8080/alert');
    expect(maskUrl('not a url')).toBe('(not a URL)');
  });
});

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A loopback HTTP server answering `status`; resolves each request it receives. */
async function loopback(status = 204): Promise<{ base: string; received: Promise<Received> }> {
  let got: (r: Received) => void = () => undefined;
  const received = new Promise<Received>((r) => (got = r));
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d) => (body += d));
    req.on('end', () => {
      res.writeHead(status).end();
      got({ method: req.method!, url: req.url!, headers: req.headers, body });
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

/** A real alert command, with a space and an apostrophe in its paths (the command line is quoted). */
function stdinToFile(): { line: string; out: string } {
  const { node, script, out } = scriptParts({ script: 'alert script.js', out: "what it got's.json" });
  return { line: `'${node}' "${script}" "${out}"`, out };
}

describe('postWebhook', () => {
  it('POSTs the payload as JSON to a loopback server; the token in the URL is not in the outcome', async () => {
    const { base, received } = await loopback();
    const outcome = await postWebhook(`${base}/hook?token=tok-4242`, payload);
    const r = await received;
    expect(r).toMatchObject({ method: 'POST', url: '/hook?token=tok-4242' });
    expect(r.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.body)).toEqual(payload);
    expect(outcome).toEqual({ to: 'webhook', target: `${base}/hook?***`, delivered: true, detail: 'HTTP 204' });
  });

  it('sends a URL’s user and password as Basic auth, never in the outcome', async () => {
    const { base, received } = await loopback(200);
    const url = base.replace('http://', 'http://ops:pa55word@');
    const outcome = await postWebhook(`${url}/hook`, payload);
    expect((await received).headers.authorization).toBe(`Basic ${Buffer.from('ops:pa55word').toString('base64')}`);
    expect(outcome.delivered).toBe(true);
    expect(JSON.stringify(outcome)).not.toMatch(/pa55word|ops:/);
  });

  it('an answer other than 2xx is not delivered, saying the status', async () => {
    const { base } = await loopback(500);
    expect(await postWebhook(`${base}/hook`, payload)).toMatchObject({ delivered: false, detail: 'HTTP 500 Internal Server Error' });
  });

  it('an unreachable webhook is an outcome, not an exception, with the URL masked', async () => {
    const port = await closedPort();
    const outcome = await postWebhook(`http://127.0.0.1:${port}/hook?token=tok-4242`, payload);
    expect(outcome).toMatchObject({ to: 'webhook', target: `http://127.0.0.1:${port}/hook?***`, delivered: false });
    expect(outcome.detail).toMatch(/ECONNREFUSED/);
    expect(JSON.stringify(outcome)).not.toContain('tok-4242');
  });

  it('a URL that is not http(s) is refused without a request', async () => {
    expect(await postWebhook('file:///etc/passwd', payload)).toMatchObject({ delivered: false, detail: 'alerts.webhook is a file: URL, not http(s)' });
  });
});

describe('runAlertCommand', () => {
  it('runs the command without a shell and gives it the payload on stdin', async () => {
    const { line, out } = stdinToFile();
    const outcome = await runAlertCommand(line, payload);
    expect(outcome).toEqual({ to: 'command', target: process.execPath, delivered: true, detail: 'exit 0' });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(payload);
  });

  it('a command that fails: its exit status and what it said on stderr', async () => {
    const outcome = await runAlertCommand(`'${process.execPath}' -e "process.stderr.write('no route to pager'); process.exit(3)"`, payload);
    expect(outcome).toMatchObject({ delivered: false, detail: 'exit 3: no route to pager' });
  });

  it('a command that does not exist, or does not parse: an outcome naming it', async () => {
    expect(await runAlertCommand('/nonexistent/alert-me now', payload)).toMatchObject({ delivered: false, target: '/nonexistent/alert-me', detail: '/nonexistent/alert-me was not found' });
    expect(await runAlertCommand("alert 'open", payload)).toMatchObject({ delivered: false, detail: 'alerts.command: the command line has an unterminated single quote' });
  });

  it('a command that never ends is killed at the timeout', async () => {
    const outcome = await runAlertCommand(`'${process.execPath}' -e "setInterval(() => {}, 1000)"`, payload, 300);
    expect(outcome).toMatchObject({ delivered: false, detail: 'timed out after 300 ms (killed)' });
  });
});

describe('sendAlerts', () => {
  it('sends to both when both are set, to none when none is', async () => {
    const { base, received } = await loopback();
    const { line, out } = stdinToFile();
    const outcomes = await sendAlerts({ command: line, webhook: `${base}/h` }, payload);
    expect(outcomes.map((o) => [o.to, o.delivered])).toEqual([
      ['command', true],
      ['webhook', true],
    ]);
    expect(JSON.parse((await received).body)).toEqual(JSON.parse(readFileSync(out, 'utf8')));
    expect(await sendAlerts({ command: null, webhook: null }, payload)).toEqual([]);
  });
});
