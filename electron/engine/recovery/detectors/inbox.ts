// 14. The inbox rejecting files: files refused (inbox/rejected/, each with its .reason.txt) since
// the last one accepted (inbox/processed/<UTC stamp>-<name>). A bot whose every file is refused
// is not getting its state to the desk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatAge, secondsBetween, type Detector, type Verdict } from '../detector';

export interface RejectedFile {
  file: string;
  refusedAt: string;
  reason: string | null;
}

export interface InboxFacts {
  rejected: RejectedFile[];
  lastAccepted: { file: string; acceptedAt: string } | null;
}

const SHOWN = 3;

export function decideInbox(f: InboxFacts, now: Date): Verdict {
  const since = f.lastAccepted?.acceptedAt ?? '';
  const refused = f.rejected.filter((r) => r.refusedAt > since).sort((a, b) => (a.refusedAt < b.refusedAt ? 1 : -1));
  const details = { refusedSinceLastAccepted: refused, lastAccepted: f.lastAccepted, rejectedInAll: f.rejected.length };
  const accepted = f.lastAccepted ? `the last file accepted was ${f.lastAccepted.file} at ${f.lastAccepted.acceptedAt}` : 'no file was ever accepted';
  if (refused.length === 0) {
    return { found: false, text: f.rejected.length ? `The inbox accepts files again: ${accepted}, after the last refusal.` : `No file in the inbox was refused${f.lastAccepted ? `; ${accepted}` : ''}.`, details };
  }
  const newest = refused[0];
  const shown = refused.slice(0, SHOWN).map((r) => `${r.file} at ${r.refusedAt}`);
  const more = refused.length > SHOWN ? `, and ${refused.length - SHOWN} more` : '';
  return {
    found: true,
    text: `The inbox refused ${refused.length} file${refused.length === 1 ? '' : 's'} since ${f.lastAccepted ? 'the last one it accepted' : 'it started'} (${shown.join('; ')}${more}); ${accepted}. The newest was refused ${formatAge(secondsBetween(newest.refusedAt, now))} ago${newest.reason ? `: ${newest.reason}` : ''}.`,
    details,
  };
}

function names(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => !n.startsWith('.'));
  } catch {
    return [];
  }
}

/** What the .reason.txt says: the time in its first line, the reason in the next one with text. */
function readReason(path: string): { at: string | null; reason: string | null } {
  try {
    const lines = readFileSync(path, 'utf8').split('\n');
    const at = /was refused on (\S+?);/.exec(lines[0] ?? '')?.[1] ?? null;
    return { at, reason: lines.slice(1).find((l) => l.trim() !== '')?.trim() ?? null };
  } catch {
    return { at: null, reason: null };
  }
}

const STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-/;

export function gatherInbox(rejectedDir: string, processedDir: string): InboxFacts {
  const rejected: RejectedFile[] = [];
  for (const name of names(rejectedDir)) {
    if (name.endsWith('.reason.txt')) continue;
    const path = join(rejectedDir, name);
    const { at, reason } = readReason(`${path}.reason.txt`);
    let refusedAt = at;
    if (!refusedAt) {
      try {
        refusedAt = statSync(path).mtime.toISOString();
      } catch {
        continue;
      }
    }
    rejected.push({ file: path, refusedAt, reason });
  }
  let lastAccepted: InboxFacts['lastAccepted'] = null;
  for (const name of names(processedDir)) {
    const m = STAMP.exec(name);
    if (!m) continue;
    const acceptedAt = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
    if (!lastAccepted || acceptedAt > lastAccepted.acceptedAt) lastAccepted = { file: join(processedDir, name), acceptedAt };
  }
  return { rejected, lastAccepted };
}

export const inboxRejecting: Detector<InboxFacts> = {
  id: 'inbox-rejecting',
  title: 'Inbox rejecting files',
  severity: 'warning',
  playbook: 'inbox-rejecting',
  needs: 'folder',
  gather: (ctx) => gatherInbox(ctx.paths.rejected, ctx.paths.processed),
  decide: (facts, { now }) => decideInbox(facts, now),
};
