// The S3 cold tier's configuration from a desk's settings: none without an endpoint and a bucket;
// keys from the settings, else the environment; without either a clear error naming what to set;
// and the words it is named by (messages, status) never carry a key or an endpoint's password.
import { describe, expect, it } from 'vitest';
import { coldS3Config } from '../../../electron/engine/tiers/cold-s3-settings';

const KEYS = { 'tiers.cold.s3.accessKeyId': 'AKIAEXAMPLE', 'tiers.cold.s3.secretAccessKey': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

describe('the S3 cold tier configuration', () => {
  it('is none without both an endpoint and a bucket', () => {
    expect(coldS3Config({}, {})).toBeNull();
    expect(coldS3Config({ 'tiers.cold.s3.endpoint': 'http://127.0.0.1:7480', ...KEYS }, {})).toBeNull();
    expect(coldS3Config({ 'tiers.cold.s3.bucket': 'cold', ...KEYS }, {})).toBeNull();
  });

  it('takes the keys from the settings, else the environment, with the defaults for the rest', () => {
    const fromSettings = coldS3Config({ 'tiers.cold.s3.endpoint': 'http://127.0.0.1:7480', 'tiers.cold.s3.bucket': 'cold', ...KEYS }, { AWS_ACCESS_KEY_ID: 'other', AWS_SECRET_ACCESS_KEY: 'other' })!;
    expect(fromSettings.destination).toMatchObject({ kind: 's3', bucket: 'cold', prefix: '', region: 'us-east-1', accessKeyId: 'AKIAEXAMPLE', archive: true, storageClass: 'GLACIER' });
    const fromEnv = coldS3Config({ 'tiers.cold.s3.endpoint': 'http://127.0.0.1:7480', 'tiers.cold.s3.bucket': 'cold', 'tiers.cold.s3.storageClass': 'STANDARD' }, { AWS_ACCESS_KEY_ID: 'ENVKEY', AWS_SECRET_ACCESS_KEY: 'envsecret' })!;
    expect(fromEnv.destination).toMatchObject({ accessKeyId: 'ENVKEY', secretAccessKey: 'envsecret', archive: false });
    expect(fromEnv.fingerprint).not.toBe(fromSettings.fingerprint);
  });

  it('without keys anywhere is an unavailable naming the settings and the variables to set', () => {
    expect(() => coldS3Config({ 'tiers.cold.s3.endpoint': 'http://127.0.0.1:7480', 'tiers.cold.s3.bucket': 'cold' }, {})).toThrow(
      expect.objectContaining({ code: 'unavailable', message: expect.stringMatching(/the S3 cold tier on 127\.0\.0\.1:7480 has no credentials: set tiers\.cold\.s3\.accessKeyId .* AWS_SECRET_ACCESS_KEY/) }),
    );
  });

  it('names the tier by host and bucket, never by a key or an endpoint password', () => {
    const c = coldS3Config({ 'tiers.cold.s3.endpoint': 'https://desk:hunter2@s3.example.com', 'tiers.cold.s3.bucket': 'cold', 'tiers.cold.s3.prefix': 'desk-1/', ...KEYS }, {})!;
    expect(c.named).toBe('the S3 cold tier on s3.example.com:443');
    expect(c.location).toBe('s3 https://s3.example.com bucket cold/desk-1/');
    for (const words of [c.named, c.location]) {
      expect(words).not.toMatch(/hunter2|AKIAEXAMPLE|wJalrXUtnFEMI/);
    }
  });
});
