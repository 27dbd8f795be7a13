// What the books playbooks (stale-state, no-state, broker-disagreement) take from a person: the
// broker file `lifeboat reconcile --broker` reads, its format, the account in scope. Validated
// before anything runs: a wrong value is a `bad_request` naming the field (or the file), and
// nothing is written. The file is read here (its size checked first) and parsed by a step.
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { PlaybookField, PlaybookInput } from '../../../../../shared/api/recovery';
import { BROKER_FORMATS, type BrokerFormat, type BrokerSnapshot } from '../../../../../shared/api/reconcile';
import { LifeboatError } from '../../../../../shared/result';
import { requireAccount } from '../../../reconcile/accounts';
import { parseOffThread } from '../../../reconcile/parse-off-thread';
import type { DeskContext } from '../../../runtime/context';
import { readInputFile } from '../../../state-files/limits';
import type { StepContext } from '../../../jobs/steps';

export const BROKER_FIELD: PlaybookField = {
  name: 'broker',
  label: 'Broker snapshot',
  kind: 'file',
  required: true,
  help: `The broker's file, in a format \`lifeboat reconcile --broker\` reads (${BROKER_FORMATS.join(', ')}).`,
};

export const FORMAT_FIELD: PlaybookField = {
  name: 'format',
  label: 'Format',
  kind: 'choice',
  required: false,
  choices: [...BROKER_FORMATS],
  help: "The broker file's format; by default it is told from the file.",
};

export const ACCOUNT_FIELD: PlaybookField = {
  name: 'account',
  label: 'Account',
  kind: 'account',
  required: false,
  help: 'Only this account (its books and its part of the broker file); by default every account the file names.',
};

/** A text field: absent → undefined; a yes/no where text is wanted, or blank, is refused naming it. */
export function textOf(input: PlaybookInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new LifeboatError('bad_request', `--${name} takes a value`, name);
  if (!value.trim()) throw new LifeboatError('bad_request', `--${name} is empty`, name);
  return value.trim();
}

export function choiceOf<C extends string>(input: PlaybookInput, name: string, choices: readonly C[]): C | undefined {
  const value = textOf(input, name);
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new LifeboatError('bad_request', `--${name} is one of ${choices.join(', ')}, not "${value}"`, name);
  return value as C;
}

/** Refuses a field this playbook does not have (a typo must not be ignored). */
export function refuseUnknown(input: PlaybookInput, fields: PlaybookField[]): void {
  const known = new Set(fields.map((f) => f.name));
  const unknown = Object.keys(input).filter((k) => !known.has(k));
  if (unknown.length) throw new LifeboatError('bad_request', `unknown field${unknown.length === 1 ? '' : 's'} ${unknown.map((k) => `--${k}`).join(', ')} (this playbook takes ${[...known].map((k) => `--${k}`).join(', ')})`, unknown[0]);
}

/** The broker file as given: read whole (its size checked first), not parsed yet. */
export interface BrokerFile {
  path: string;
  fileName: string;
  content: string;
  format?: BrokerFormat;
  /** The account in scope (on the desk), or for a file that names none. */
  accountId?: string;
  /** The file's modification time: the snapshot's time when the file does not say. */
  modifiedAt: Date;
}

/** `--broker FILE [--format F] [--account A]`; `accountOnDesk`: the account must be on the desk already. */
export function brokerFileOf(desk: DeskContext, input: PlaybookInput, options: { required: boolean; accountOnDesk: boolean }): BrokerFile | null {
  const given = textOf(input, 'broker');
  const format = choiceOf(input, 'format', BROKER_FORMATS);
  const accountId = textOf(input, 'account');
  if (accountId !== undefined && options.accountOnDesk) requireAccount(desk.store.db, accountId, 'account');
  if (given === undefined) {
    if (options.required) throw new LifeboatError('bad_request', '--broker FILE is required: the broker snapshot to load the books from', 'broker');
    if (format !== undefined) throw new LifeboatError('bad_request', '--format is for a broker file: give --broker FILE too', 'format');
    return null;
  }
  const path = resolve(given);
  const content = readInputFile(path, 'broker', 'broker file');
  return { path, fileName: basename(path), content, format, accountId, modifiedAt: statSync(path).mtime };
}

/**
 * Parses the file off the main thread (every refusal names the file, the line or JSON path, and the
 * field) and checks what it names: each account on the desk (when they must be), and the account in
 * scope among them. With an account in scope only its part of the file is kept: the rest of the
 * file is not this recovery's.
 */
export async function readSnapshot(desk: DeskContext, file: BrokerFile, ctx: StepContext, accountsOnDesk: boolean): Promise<BrokerSnapshot> {
  ctx.progress(0, 100, `reading ${file.fileName}`);
  const parsed = await parseOffThread(desk.workers, { fileName: file.fileName, text: file.content, format: file.format, accountId: file.accountId }, (f) =>
    ctx.progress(Math.round(f * 100), 100, `reading ${file.fileName}`),
  );
  const snapshot = file.accountId === undefined ? parsed : { ...parsed, accounts: parsed.accounts.filter((a) => a.accountId === file.accountId) };
  if (accountsOnDesk) for (const a of snapshot.accounts) requireAccount(desk.store.db, a.accountId, file.path, 'the snapshot names account');
  if (file.accountId !== undefined && snapshot.accounts.length === 0) {
    throw new LifeboatError('bad_request', `the file has no account "${file.accountId}" (it names ${parsed.accounts.map((a) => a.accountId).join(', ') || 'none'})`, file.path);
  }
  if (snapshot.accounts.length === 0) throw new LifeboatError('bad_request', 'the file names no account: there are no books in it', file.path);
  return snapshot;
}

/** When the broker's books were as the file says: its own time, else the file's (said in `note`). */
export function snapshotTime(snapshot: BrokerSnapshot, file: BrokerFile): { at: string; note: string | null } {
  if (snapshot.asOf) return { at: snapshot.asOf, note: null };
  const at = file.modifiedAt.toISOString();
  return { at, note: `the file does not say when the broker took it: its modification time ${at} stands for it` };
}
