// What the reviewer must know about how a broker file was read, shown where it is detected and on
// the run's report.

/** How the broker's file was read; the loud ones ("WARNING: …") stand out. */
export function BrokerNotes({ notes, testId }: { notes: readonly string[] | undefined; testId: string }) {
  if (!notes?.length) return null;
  return (
    <ul className="rc-local-notes" data-testid={testId}>
      {notes.map((n) => (
        <li key={n} className={n.startsWith('WARNING') ? 'rc-local-warning' : undefined}>
          {n}
        </li>
      ))}
    </ul>
  );
}
