// Doctor's report as text for people: what was found first (critical, warning, info), then what
// could not be looked at, then what is clear; one row per detector with its severity, what it saw
// (wrapped) and the playbook that answers it.
import type { DoctorReport, Finding } from '../../../shared/api/recovery';

const SAW_WIDTH = 78;
const RANK = { critical: 0, warning: 1, info: 2 } as const;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

const status = (f: Finding) => (f.found ? f.severity : f.checked ? 'ok' : 'not checked');
const order = (f: Finding) => (f.found ? RANK[f.severity] : f.checked ? 4 : 3);

export function formatDoctor(report: DoctorReport): string {
  const findings = [...report.findings].sort((a, b) => order(a) - order(b));
  const rows = findings.map((f) => ({ status: status(f), detector: f.title, saw: wrap(f.evidence.text, SAW_WIDTH), playbook: f.found || !f.checked ? f.playbook : '-' }));
  const w = {
    status: Math.max('severity'.length, ...rows.map((r) => r.status.length)),
    detector: Math.max('detector'.length, ...rows.map((r) => r.detector.length)),
    saw: Math.max('what it saw'.length, ...rows.flatMap((r) => r.saw.map((l) => l.length))),
  };
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(w.status)}  ${b.padEnd(w.detector)}  ${c.padEnd(w.saw)}  ${d}`.trimEnd();
  const table = [line('severity', 'detector', 'what it saw', 'playbook'), line('-'.repeat(w.status), '-'.repeat(w.detector), '-'.repeat(w.saw), '-'.repeat('playbook'.length))];
  for (const r of rows) r.saw.forEach((l, i) => table.push(i === 0 ? line(r.status, r.detector, l, r.playbook) : line('', '', l, '')));

  const { critical, warning, info } = report.found;
  const unchecked = report.findings.filter((f) => !f.checked).length;
  const notes = info ? ` (and ${info} note${info === 1 ? '' : 's'})` : '';
  const verdict = report.problems
    ? `Found ${critical + warning} problem${critical + warning === 1 ? '' : 's'}: ${critical} critical, ${warning} warning${warning === 1 ? '' : 's'}${notes}. Each names the playbook that answers it.`
    : `Nothing wrong found${notes}.`;
  const read = report.readFrom ? `Read from ${report.readFrom}` : 'The database could not be read';
  return [
    `Doctor: ${report.stateDir} at ${report.checkedAt}. ${read}; nothing in the state folder was written and no lock was taken.`,
    '',
    ...table,
    '',
    verdict + (unchecked ? ` ${unchecked} detector${unchecked === 1 ? '' : 's'} could not look (not checked, above).` : ''),
  ].join('\n');
}
