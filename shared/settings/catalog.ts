// Every desk setting Lifeboat knows: its schema, default, unit, and the words the Settings page and
// `lifeboat settings` show. Pure: the engine validates writes with it, the console draws its
// fields from it. A key stored on the desk but missing here is listed as it is and not editable.
import { z } from 'zod';
import { maskSettingValue } from './mask';
import { noControl, spec, type SettingSpec } from './spec';
import { TIER_SETTINGS } from './tier-settings';

export { SETTING_SECTIONS, type SettingKind, type SettingSection, type SettingSpec } from './spec';

const seconds = (min: number, max: number) => z.number().int().min(min).max(max);
const count = z.number().int().min(0).max(1_000_000).optional();
/** A plain non-negative decimal as text ("0.01"): tolerances are exact, never floats. */
const decimalText = z.string().regex(/^(0|[1-9]\d*)(\.\d+)?$/, 'a plain non-negative decimal like "0.01"');
const tolerance = z.object({ abs: decimalText.optional(), rel: decimalText.optional() }).strict();

export const RETENTION_RULES = ['keepLast', 'keepHourly', 'keepDaily', 'keepWeekly', 'keepMonthly'] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];
export type RetentionSetting = Partial<Record<RetentionRule, number>>;

export const RetentionSettingSchema = z
  .object(Object.fromEntries(RETENTION_RULES.map((r) => [r, count])) as Record<RetentionRule, typeof count>)
  .strict()
  .refine((p) => RETENTION_RULES.some((r) => (p[r] ?? 0) > 0), 'at least one keep rule above 0 (with none, every checkpoint would go)');

export const TOLERANCE_FIELDS = ['quantity', 'price', 'cash'] as const;
export type ToleranceSetting = Partial<Record<(typeof TOLERANCE_FIELDS)[number], { abs?: string; rel?: string }>>;

export const RECONCILE_STRATEGIES = ['WARN_ONLY', 'SYNC_TO_BROKER', 'HALT_AND_ALERT'] as const;
export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];
export const TIME_ZONES = ['utc', 'local'] as const;
export type TimeZoneChoice = (typeof TIME_ZONES)[number];



export const SETTINGS: readonly SettingSpec[] = [
  spec({
    key: 'checkpoint.autoIntervalSeconds',
    section: 'Checkpoints',
    label: 'Automatic checkpoint interval',
    description: 'How often the console takes a checkpoint while the state changes.',
    unit: 'seconds',
    kind: 'seconds',
    schema: seconds(5, 86_400),
    default: 60,
    expected: 'a whole number of seconds from 5 to 86400',
  }),
  spec({
    key: 'checkpoint.staleAfterSeconds',
    section: 'Checkpoints',
    label: 'Checkpoint is stale after',
    description: 'Warn when the newest checkpoint is older than this.',
    unit: 'seconds',
    kind: 'seconds',
    schema: seconds(60, 30 * 86_400),
    default: 3600,
    expected: 'a whole number of seconds from 60 to 2592000 (30 days)',
  }),
  spec({
    key: 'checkpoint.retention',
    section: 'Checkpoints',
    label: 'Checkpoint retention',
    description: 'Which checkpoints pruning keeps: the last N, and the newest of each of N hours, days, weeks and months. Applied by itself after each automatic checkpoint, and by `checkpoint prune`; pinned ones and the newest always stay.',
    unit: 'checkpoints',
    kind: 'retention',
    schema: RetentionSettingSchema,
    default: { keepLast: 60, keepHourly: 48, keepDaily: 14, keepWeekly: 8, keepMonthly: 12 },
    expected: 'keep rules {keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly} of whole numbers from 0, at least one above 0',
  }),
  ...TIER_SETTINGS,
  spec({
    key: 'recovery.liveStaleAfterSeconds',
    section: 'Recovery',
    label: 'Live state is stale after',
    description: 'Warn when no row of the live state changed for this long.',
    unit: 'seconds',
    kind: 'seconds',
    schema: seconds(60, 365 * 86_400),
    default: 86_400,
    expected: 'a whole number of seconds from 60 to 31536000 (a year)',
  }),
  spec({
    key: 'recovery.backupLateAfterSeconds',
    section: 'Recovery',
    label: 'Scheduled backup is late after',
    description: 'A scheduled backup counts as missed once its run is this late.',
    unit: 'seconds',
    kind: 'seconds',
    schema: seconds(60, 7 * 86_400),
    default: 900,
    expected: 'a whole number of seconds from 60 to 604800 (a week)',
  }),
  spec({
    key: 'recovery.clockToleranceSeconds',
    section: 'Recovery',
    label: 'Clock tolerance',
    description: 'A recorded time this far after now means this machine’s clock is behind.',
    unit: 'seconds',
    kind: 'seconds',
    schema: seconds(1, 3600),
    default: 60,
    expected: 'a whole number of seconds from 1 to 3600',
  }),
  spec({
    key: 'recovery.minFreeBytes',
    section: 'Recovery',
    label: 'Least free disk space',
    description: 'Warn when the state folder’s disk has less free space than this. Empty: worked out from the database’s size.',
    unit: 'bytes',
    kind: 'bytes',
    schema: z.number().int().min(1_048_576).max(2 ** 50).nullable(),
    default: null,
    expected: 'a whole number of bytes of at least 1048576 (1 MB), or null to work it out from the database',
  }),
  spec({
    key: 'recovery.drillSchedule',
    section: 'Recovery',
    label: 'Drill schedule',
    description: 'A cron expression (minute hour day month weekday, e.g. "0 3 * * 0": Sundays at 03:00) at which the console runs a damaged-database drill on a sandbox copy and records it. Empty: off.',
    unit: null,
    // Edited as a line of text, blank for none, as a command line is.
    kind: 'command',
    schema: z.string().trim().regex(/^\S+( \S+){4}$/, 'five fields: minute hour day month weekday').max(120).refine(noControl, 'no control characters').nullable(),
    default: null,
    expected: 'a cron expression of five fields (minute hour day month weekday), or null for off',
  }),
  spec({
    key: 'reconciliation.tolerance',
    section: 'Reconciliation',
    label: 'Default tolerances',
    description: 'How far the broker may differ before it is a discrepancy: absolute and relative (a fraction of the broker’s value), exact decimals.',
    unit: null,
    kind: 'tolerance',
    schema: z.object(Object.fromEntries(TOLERANCE_FIELDS.map((f) => [f, tolerance.optional()])) as Record<(typeof TOLERANCE_FIELDS)[number], z.ZodOptional<typeof tolerance>>).strict(),
    default: { quantity: { abs: '0' }, price: { rel: '0.0001' }, cash: { abs: '0.01' } },
    expected: 'tolerances {quantity, price, cash}, each {abs, rel} as decimal strings like "0.01"',
  }),
  spec({
    key: 'reconciliation.defaultStrategy',
    section: 'Reconciliation',
    label: 'Default strategy',
    description: 'What a reconciliation does about a discrepancy unless the run says otherwise.',
    unit: null,
    kind: 'choice',
    schema: z.enum(RECONCILE_STRATEGIES),
    default: 'WARN_ONLY',
    choices: RECONCILE_STRATEGIES,
    expected: `one of ${RECONCILE_STRATEGIES.join(', ')}`,
  }),
  spec({
    key: 'alerts.command',
    section: 'Alerts',
    label: 'Alert command',
    description: 'A command line run on an alert; it receives the alert as JSON on its standard input. Empty: none.',
    unit: null,
    kind: 'command',
    schema: z.string().trim().min(1).max(2000).refine(noControl, 'no control characters').nullable(),
    default: null,
    expected: 'a command line (text, at most 2000 characters, no control characters), or null for none',
  }),
  spec({
    key: 'alerts.webhook',
    section: 'Alerts',
    label: 'Alert webhook',
    description: 'An http(s) address that receives each alert as a JSON POST. Empty: none. Shown masked: it may carry a token.',
    unit: null,
    kind: 'url',
    schema: z.string().max(2000).regex(/^https?:\/\/[^\s/?#]+[^\s]*$/i, 'an http:// or https:// address').refine(noControl, 'no control characters').nullable(),
    default: null,
    expected: 'an http:// or https:// address, or null for none',
    secret: true,
  }),
  spec({
    key: 'tiers.postgres.url',
    section: 'Storage',
    label: 'Shared PostgreSQL',
    description: 'A postgres:// address of the PostgreSQL every desk of the firm publishes its checkpoints to (the shared warm tier and catalog). Empty: none. Shown masked: it carries a password.',
    unit: null,
    kind: 'url',
    schema: z.string().max(2000).regex(/^postgres(ql)?:\/\/[^\s/?#]+[^\s]*$/i, 'a postgres:// address').refine(noControl, 'no control characters').nullable(),
    default: null,
    expected: 'a postgres://user:password@host:port/database address, or null for none',
    secret: true,
  }),
  spec({
    key: 'tiers.redis.url',
    section: 'Storage',
    label: 'Shared Redis',
    description: 'A redis:// address of the Redis that caches the firm’s objects and carries each desk’s live status (the shared hot tier). Empty: none. Shown masked: it may carry a password.',
    unit: null,
    kind: 'url',
    schema: z.string().max(2000).regex(/^rediss?:\/\/[^\s/?#]+[^\s]*$/i, 'a redis:// address').refine(noControl, 'no control characters').nullable(),
    default: null,
    expected: 'a redis://[user:password@]host:port address, or null for none',
    secret: true,
  }),
  spec({
    key: 'tiers.firm',
    section: 'Storage',
    label: 'Firm',
    description: 'The firm this desk publishes under on the shared tiers: its PostgreSQL schema and Redis key prefix. Desks of one firm see each other; another firm’s are out of reach.',
    unit: null,
    // Free text edited like a command line (one line, no control characters).
    kind: 'command',
    schema: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'lower-case letters, digits and _, starting with a letter, at most 32').nullable(),
    default: 'default',
    expected: 'a firm name of lower-case letters, digits and _ (starting with a letter, at most 32), or null for "default"',
  }),
  spec({
    key: 'console.theme',
    section: 'Appearance',
    label: 'Theme',
    description: 'Light, dark, or follow the system’s choice.',
    unit: null,
    kind: 'choice',
    schema: z.enum(THEMES),
    default: 'system',
    choices: THEMES,
    expected: `one of ${THEMES.join(', ')}`,
  }),
  spec({
    key: 'console.timeZone',
    section: 'Appearance',
    label: 'Times shown in',
    description: 'UTC (as stored), or this machine’s local time; the zone is named beside every time and the exact UTC time stays on hover.',
    unit: null,
    kind: 'choice',
    schema: z.enum(TIME_ZONES),
    default: 'utc',
    choices: TIME_ZONES,
    expected: `one of ${TIME_ZONES.join(', ')}`,
  }),
];

const BY_KEY = new Map(SETTINGS.map((s) => [s.key, s]));

/** The spec of a key Lifeboat knows, or null. */
export const settingSpec = (key: string): SettingSpec | null => BY_KEY.get(key) ?? null;

export type Checked = { ok: true; value: unknown } | { ok: false; message: string };

/** Whether `value` is a valid value for `spec`; the message says what was expected and what is wrong. */
export function checkSetting(spec: SettingSpec, value: unknown): Checked {
  const parsed = spec.schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const at = issue.path.length ? ` (at ${issue.path.join('.')}: ${issue.message})` : issue.code === 'custom' ? ` (${issue.message})` : '';
  return { ok: false, message: `expected ${spec.expected}, got ${describe(maskSettingValue(spec.secret, value))}${at}` };
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** A settings document as it may leave the desk (an export, a report): secret values masked. */
export function maskSettings(settings: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, maskSettingValue(settingSpec(key)?.secret, value)]));
}
