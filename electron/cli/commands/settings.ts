// `lifeboat settings`: the desk's settings with their defaults, and a change or reset of one
// (validated against the catalog, audited; a refused value exits 1 naming the key, nothing written).
import type { SettingChange, SettingView } from '../../../shared/api/contract';
import { RETENTION_RULES, type RetentionSetting } from '../../../shared/settings/catalog';
import { expectPositionals, intFlag } from '../args';
import type { Command } from '../command';
import { UsageError } from '../exit-codes';
import { formatBytes, table } from '../output';

const show = (value: unknown): string => (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** VALUE as JSON when it parses (60, null, {"keepLast":10}), else the text itself (a command line, a URL). */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const changeText = (c: SettingChange, verb: string) => `${c.key} ${verb}: ${show(c.from)} → ${show(c.to)} (audit entry ${c.auditSeq}).`;

export const settingsList: Command = {
  path: ['settings'],
  summary: 'List the desk settings: value in force, default and what each does',
  usage: 'lifeboat settings [--state DIR] [--json]   (and: settings get|set|reset|retention-preview)',
  flags: {},
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const list = await ctx.read((engine) => engine.call('settings.list', {}));
    ctx.out.result(list, () => {
      const rows = list.map((s) => [s.key, show(s.value) + (s.problem ? ' (stored value invalid: default in force)' : ''), s.known ? show(s.default) : '', s.known ? s.description : '(not a known setting)']);
      return table(['key', 'value', 'default', 'description'], rows);
    });
  },
};

export const settingsGet: Command = {
  path: ['settings', 'get'],
  summary: 'Print one setting: its value in force (JSON with --json)',
  usage: 'lifeboat settings get KEY [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    const [key] = expectPositionals(ctx.parsed, 1, this.usage);
    const list = await ctx.read((engine) => engine.call('settings.list', {}));
    const s = list.find((x) => x.key === key);
    if (!s) throw new UsageError(`no setting ${key}: see \`lifeboat settings\` for the keys`);
    ctx.out.result(s, () => describe(s));
  },
};

function describe(s: SettingView): string {
  return [
    `${s.key} = ${show(s.value)}${s.unit ? ` ${s.unit}` : ''}`,
    s.known ? `${s.label}: ${s.description}` : '(not a setting Lifeboat knows)',
    s.known ? `Default: ${show(s.default)}${s.stored ? '' : ' (in force: nothing stored)'}` : '',
    s.problem ? `The stored value is not valid, so the default is in force: ${s.problem}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export const settingsSet: Command = {
  path: ['settings', 'set'],
  summary: 'Change one setting (audited); VALUE is JSON when it parses, else text',
  usage: "lifeboat settings set KEY VALUE [--state DIR] [--json]   (e.g. settings set checkpoint.retention '{\"keepLast\":30}')",
  flags: {},
  async run(ctx) {
    const [key, text] = expectPositionals(ctx.parsed, 2, this.usage);
    const change = await ctx.write('settings.set', { key, value: parseValue(text) as never }, 'cli settings set');
    ctx.out.result(change, () => changeText(change, 'changed'));
  },
};

export const settingsReset: Command = {
  path: ['settings', 'reset'],
  summary: 'Put one setting back to its default (audited)',
  usage: 'lifeboat settings reset KEY [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    const [key] = expectPositionals(ctx.parsed, 1, this.usage);
    const change = await ctx.write('settings.reset', { key }, 'cli settings reset');
    ctx.out.result(change, () => changeText(change, 'reset to its default'));
  },
};

const KEEP_FLAGS: Record<string, (typeof RETENTION_RULES)[number]> = {
  'keep-last': 'keepLast',
  'keep-hourly': 'keepHourly',
  'keep-daily': 'keepDaily',
  'keep-weekly': 'keepWeekly',
  'keep-monthly': 'keepMonthly',
};

export const settingsRetentionPreview: Command = {
  path: ['settings', 'retention-preview'],
  summary: 'What the checkpoint retention (stored, or given with --keep-…) would prune now; writes nothing',
  usage: 'lifeboat settings retention-preview [--keep-last N] [--keep-hourly N] [--keep-daily N] [--keep-weekly N] [--keep-monthly N] [--state DIR] [--json]',
  flags: Object.fromEntries(Object.keys(KEEP_FLAGS).map((f) => [f, { type: 'string' as const }])),
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const given: RetentionSetting = {};
    for (const [flag, rule] of Object.entries(KEEP_FLAGS)) {
      const n = intFlag(ctx.parsed.values[flag], flag, { min: 0, max: 1_000_000 });
      if (n !== undefined) given[rule] = n;
    }
    const policy = Object.keys(given).length ? given : undefined;
    const p = await ctx.read((engine) => engine.call('settings.retentionPreview', { policy }));
    ctx.out.result(p, () =>
      [
        ...p.remove.map((c) => `would prune  ${c.checkpointId}  ${c.type}  ${c.createdAt}`),
        `Retention ${JSON.stringify(p.policy)} would prune ${p.remove.length} of ${p.total} checkpoints (about ${formatBytes(p.bytes)}); nothing changed.`,
      ].join('\n'),
    );
  },
};

export const SETTINGS_COMMANDS: Command[] = [settingsList, settingsGet, settingsSet, settingsReset, settingsRetentionPreview];
