import { describe, expect, it } from 'vitest';
import { stateFormatNote } from '../../renderer/src/pages/checkpoints/model/state-format';

describe("a checkpoint's state format next to the header's schema", () => {
  it('says the two count different things when the checkpoint is of the desk’s format', () => {
    const note = stateFormatNote(4, { schemaVersion: 16, stateFormat: 4 });
    expect(note).toContain("the live tables' format now");
    expect(note).toContain("the header's schema v16 is the whole database's");
    expect(note).not.toContain('refused');
  });

  it('says rollback refuses a checkpoint of another format, as the engine does', () => {
    expect(stateFormatNote(3, { schemaVersion: 16, stateFormat: 4 })).toContain('the live tables are v4 now: rollback to this checkpoint is refused');
  });

  it('says nothing before the desk status is in', () => {
    expect(stateFormatNote(4, null)).toBe('');
  });
});
