import { describe, expect, it } from 'vitest';
import { reconnectDelayMs, SseParser } from '../../renderer/src/api/sse';
import { hashWithoutToken, tokenFromHash } from '../../renderer/src/api/token';

describe('reading the event stream', () => {
  it('parses named events split across chunks', () => {
    const p = new SseParser();
    expect(p.push(': connected\n\nevent: state.chan')).toEqual([]);
    expect(p.push('ged\ndata: {"reason":"tick"}\n')).toEqual([]);
    expect(p.push('\nevent: job.updated\ndata: {"jobId":"j1"}\n\n')).toEqual([
      { event: 'state.changed', data: '{"reason":"tick"}' },
      { event: 'job.updated', data: '{"jobId":"j1"}' },
    ]);
  });

  it('handles CRLF, multi-line data and heartbeats', () => {
    const p = new SseParser();
    expect(p.push(': heartbeat\r\n\r\ndata: a\r')).toEqual([]);
    expect(p.push('\ndata: b\r\n\r\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });

  it('backs off from half a second to ten', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(reconnectDelayMs)).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});

describe('the access token in the address', () => {
  it('is read from #token=…', () => {
    expect(tokenFromHash('#token=abc_-123')).toBe('abc_-123');
    expect(tokenFromHash('#/audit&token=xyz')).toBe('xyz');
    expect(tokenFromHash('#/dashboard')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
  });

  it('is removed from the hash, keeping the route', () => {
    expect(hashWithoutToken('#token=abc')).toBe('');
    expect(hashWithoutToken('#/audit&token=abc')).toBe('#/audit');
  });
});
