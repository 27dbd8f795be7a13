// The settings catalog: every default is valid under its own schema, values are checked with a
// message naming what was expected, tolerances stay decimal strings, and webhook tokens are masked.
import { describe, expect, it } from 'vitest';
import { checkSetting, SETTING_SECTIONS, SETTINGS, settingSpec } from '../../shared/settings/catalog';
import { maskSettingValue, maskUrl } from '../../shared/settings/mask';

const spec = (key: string) => settingSpec(key)!;

describe('settings catalog', () => {
  it('holds each key once, in a known section, with a valid default', () => {
    const keys = SETTINGS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of SETTINGS) {
      expect(SETTING_SECTIONS).toContain(s.section);
      expect(checkSetting(s, s.default), s.key).toEqual({ ok: true, value: s.default });
    }
    expect(keys).toEqual(expect.arrayContaining(['checkpoint.autoIntervalSeconds', 'checkpoint.retention', 'recovery.minFreeBytes', 'reconciliation.tolerance', 'alerts.command', 'alerts.webhook', 'console.theme']));
    expect(spec('console.theme').default).toBe('system');
    expect(settingSpec('desk.name')).toBeNull();
  });

  it('refuses a wrong value with what was expected and what it got', () => {
    expect(checkSetting(spec('checkpoint.autoIntervalSeconds'), 'abc')).toEqual({ ok: false, message: 'expected a whole number of seconds from 5 to 86400, got "abc"' });
    expect(checkSetting(spec('checkpoint.autoIntervalSeconds'), 2.5).ok).toBe(false);
    expect(checkSetting(spec('checkpoint.autoIntervalSeconds'), 300)).toEqual({ ok: true, value: 300 });
    expect(checkSetting(spec('console.theme'), 'blue')).toMatchObject({ ok: false, message: expect.stringMatching(/^expected one of light, dark, system, got "blue"/) });
  });

  it('refuses a retention without a rule above 0, and names a wrong rule', () => {
    const retention = spec('checkpoint.retention');
    expect(checkSetting(retention, { keepLast: 0 })).toMatchObject({ ok: false, message: expect.stringContaining('at least one keep rule above 0') });
    expect(checkSetting(retention, { keepLast: -1 })).toMatchObject({ ok: false, message: expect.stringContaining('at keepLast') });
    expect(checkSetting(retention, { keepEvery: 3 }).ok).toBe(false);
    expect(checkSetting(retention, { keepDaily: 7 })).toEqual({ ok: true, value: { keepDaily: 7 } });
  });

  it('takes tolerances as decimal strings only, never numbers', () => {
    const tolerance = spec('reconciliation.tolerance');
    expect(checkSetting(tolerance, { cash: { abs: '0.05' }, price: { rel: '0.001' } }).ok).toBe(true);
    expect(checkSetting(tolerance, { cash: { abs: 0.05 } })).toMatchObject({ ok: false, message: expect.stringContaining('at cash.abs') });
    expect(checkSetting(tolerance, { cash: { abs: '1e-3' } }).ok).toBe(false);
    expect(checkSetting(tolerance, { fees: { abs: '1' } }).ok).toBe(false);
  });

  it('takes an http(s) webhook or null, and masks it in its own error', () => {
    const webhook = spec('alerts.webhook');
    expect(checkSetting(webhook, 'https://hooks.example.com/alert?token=abc').ok).toBe(true);
    expect(checkSetting(webhook, null).ok).toBe(true);
    const refused = checkSetting(webhook, 'ftp://user:pw@host/x?token=abc');
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('http:// or https://') });
    expect(JSON.stringify(refused)).not.toMatch(/pw|token=abc/);
  });
});

describe('the storage tiers’ settings', () => {
  it('are in the Storage section, with the engine’s defaults', () => {
    const tiers = SETTINGS.filter((s) => s.key.startsWith('tiers.'));
    expect(tiers.map((s) => s.key)).toEqual([
      'tiers.hotMaxBytes',
      'tiers.demoteAfterDays',
      'tiers.unreadForDays',
      'tiers.keepNewest',
      'tiers.cold.s3.endpoint',
      'tiers.cold.s3.bucket',
      'tiers.cold.s3.prefix',
      'tiers.cold.s3.region',
      'tiers.cold.s3.storageClass',
      'tiers.cold.s3.accessKeyId',
      'tiers.cold.s3.secretAccessKey',
      'tiers.postgres.url',
      'tiers.redis.url',
      'tiers.firm',
    ]);
    expect(new Set(tiers.map((s) => s.section))).toEqual(new Set(['Storage']));
    expect(tiers.map((s) => s.default).slice(0, 4)).toEqual([64 * 1024 * 1024, 7, 7, 1]);
    expect(spec('tiers.cold.s3.storageClass').default).toBe('GLACIER');
  });

  it('refuse a wrong size, age, bucket, prefix or storage class naming what was expected', () => {
    expect(checkSetting(spec('tiers.hotMaxBytes'), -1)).toMatchObject({ ok: false, message: expect.stringMatching(/^expected a whole number of bytes from 0/) });
    expect(checkSetting(spec('tiers.demoteAfterDays'), 1.5)).toMatchObject({ ok: false, message: expect.stringMatching(/^expected a whole number of days/) });
    expect(checkSetting(spec('tiers.keepNewest'), '3').ok).toBe(false);
    expect(checkSetting(spec('tiers.demoteAfterDays'), 30)).toEqual({ ok: true, value: 30 });
    expect(checkSetting(spec('tiers.cold.s3.bucket'), 'My_Bucket')).toMatchObject({ ok: false, message: expect.stringContaining('expected an S3 bucket name') });
    expect(checkSetting(spec('tiers.cold.s3.bucket'), 'desk-archive')).toEqual({ ok: true, value: 'desk-archive' });
    expect(checkSetting(spec('tiers.cold.s3.prefix'), 'desk-1')).toMatchObject({ ok: false, message: expect.stringContaining('ending in "/"') });
    expect(checkSetting(spec('tiers.cold.s3.prefix'), 'desk-1/cold/')).toEqual({ ok: true, value: 'desk-1/cold/' });
    expect(checkSetting(spec('tiers.cold.s3.storageClass'), 'COLD')).toMatchObject({ ok: false, message: expect.stringMatching(/^expected one of GLACIER, DEEP_ARCHIVE/) });
  });

  it('mask the endpoint’s credentials and both keys, in their own errors too', () => {
    for (const key of ['tiers.cold.s3.endpoint', 'tiers.cold.s3.accessKeyId', 'tiers.cold.s3.secretAccessKey']) expect(spec(key).secret, key).toBe(true);
    expect(maskSettingValue(true, 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe('…');
    expect(maskSettingValue(true, 'http://lifeboat:hunter2@127.0.0.1:7480')).toBe('http://…@127.0.0.1:7480');
    const refused = checkSetting(spec('tiers.cold.s3.secretAccessKey'), 'wJalrXUtnFEMI\u0007K7MDENG');
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).not.toContain('wJalrXUtnFEMI');
  });
});

describe('webhook masking', () => {
  it('masks the query string and the userinfo, keeping scheme, host and path', () => {
    expect(maskUrl('https://hooks.example.com/alerts/desk?token=s3cret&x=1')).toBe('https://hooks.example.com/alerts/desk?…');
    expect(maskUrl('http://bot:hunter2@10.0.0.5:8080/notify')).toBe('http://…@10.0.0.5:8080/notify');
    expect(maskUrl('https://example.com/hook#frag')).toBe('https://example.com/hook#…');
  });

  it('masks a path segment that looks like a key, as chat webhooks carry', () => {
    expect(maskUrl('https://hooks.slack.com/services/T0ABC123/B0DEF456XYZ/abcdEFGHijklMNOPqrstUVWX')).toBe('https://hooks.slack.com/services/T0ABC123/B0DEF456XYZ/…');
    expect(maskUrl('https://example.com/api/v2/alerts')).toBe('https://example.com/api/v2/alerts');
  });

  it('leaves values of settings that are not secret alone', () => {
    expect(maskSettingValue(true, 'https://h/p?k=v')).toBe('https://h/p?…');
    expect(maskSettingValue(true, null)).toBeNull();
    expect(maskSettingValue(false, 'https://h/p?k=v')).toBe('https://h/p?k=v');
  });
});
