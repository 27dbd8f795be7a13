// What the catalog says of each setting (its section, kind, schema, words), and the small helpers
// its entries share — apart from catalog.ts, so the catalog can be split by area without a cycle.
import type { z } from 'zod';
import { controlCharacterIn } from '../text';

export const SETTING_SECTIONS = ['Checkpoints', 'Storage', 'Recovery', 'Reconciliation', 'Alerts', 'Appearance'] as const;
export type SettingSection = (typeof SETTING_SECTIONS)[number];

/** How a value is edited: the page picks its field from this. */
export type SettingKind = 'seconds' | 'bytes' | 'number' | 'text' | 'retention' | 'tolerance' | 'choice' | 'command' | 'url';

export interface SettingSpec {
  key: string;
  section: SettingSection;
  label: string;
  description: string;
  /** What the number counts ("seconds", "bytes"), or null. */
  unit: string | null;
  kind: SettingKind;
  schema: z.ZodType;
  default: unknown;
  /** What a valid value looks like, in the words an error shows ("expected …"). */
  expected: string;
  /** For a choice: the values it takes. */
  choices?: readonly string[];
  /** Its value may carry a token (a webhook URL): masked wherever it is shown or recorded. */
  secret?: true;
}

export const spec = (s: SettingSpec): SettingSpec => s;
export const noControl = (s: string) => controlCharacterIn(s) === null;
