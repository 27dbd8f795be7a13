// A webhook address may carry a token: in its query string (?token=…), its userinfo
// (https://user:pass@host) or, as chat services do, a long random path segment. What the audit
// trail, logs and screens show keeps the scheme, host and the readable path, and masks the rest.

const URL_PARTS = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*@)?([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i;
/** A path segment that looks like a key rather than a word: long, with digits or mixed case. */
const TOKEN_LIKE = /^(?=.*[0-9])[A-Za-z0-9_\-.~%]{16,}$|^(?=.*[a-z])(?=.*[A-Z])[A-Za-z0-9_\-.~%]{20,}$/;

/** `https://user:pw@host/hook/T0A1B2C3D4E5F6G7?token=x` → `https://…@host/hook/…?…`; null stays null. */
export function maskUrl(url: string): string {
  const m = URL_PARTS.exec(url.trim());
  if (!m) return '…';
  const [, scheme, userinfo, host, path, query, fragment] = m;
  const maskedPath = path
    .split('/')
    .map((segment) => (TOKEN_LIKE.test(segment) ? '…' : segment))
    .join('/');
  return `${scheme}${userinfo ? '…@' : ''}${host}${maskedPath}${query ? '?…' : ''}${fragment ? '#…' : ''}`;
}

/** A setting's value as it may be shown or recorded: a secret one masked. */
export function maskSettingValue(secret: boolean | undefined, value: unknown): unknown {
  return secret && typeof value === 'string' ? maskUrl(value) : value;
}
