// What a checkpoint's state format means next to the header's schema: two numbers that count
// different things (issue #13: "Schema v4" in the detail, "v16" in the header, no word on why).
// The database's schema covers every table Lifeboat keeps; the state format only the live tables a
// checkpoint copies. Rollback takes a checkpoint of the desk's format only: it does not migrate one.

export function stateFormatNote(format: number, desk: { schemaVersion: number; stateFormat: number } | null): string {
  if (!desk) return '';
  const header = `the header's schema v${desk.schemaVersion} is the whole database's`;
  if (format === desk.stateFormat) return `— the live tables' format now; ${header}`;
  return `— the live tables are v${desk.stateFormat} now: rollback to this checkpoint is refused (checkpoints are not migrated); ${header}`;
}
