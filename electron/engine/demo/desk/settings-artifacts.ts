// The desk's settings, and its model artifacts: ONNX models, a scaler, parameters and an
// exchange holiday calendar, with seeded bytes so the same seed gives the same blobs.
import { canonicalJson } from '../../../../shared/canonical-json';
import type { Rng } from '../rng';
import type { Desk } from './desk';
import { DAY } from './profile';
import { isNamed } from './strategy-catalog';

export function buildSettings(desk: Desk): void {
  const settings: [string, unknown][] = [
    ['desk.name', desk.size === 'small' ? 'Demo desk' : `Demo desk (${desk.size})`],
    ['desk.reportingCurrency', 'USD'],
    ['checkpoint.autoIntervalSeconds', 60],
    ['checkpoint.staleAfterSeconds', 3600],
    ['checkpoint.retention', { keepLast: 60, keepHourly: 48, keepDaily: 14, keepWeekly: 8, keepMonthly: 12 }],
    ['backup.schedule', { incremental: '* * * * *', differential: '0 */6 * * *', full: '0 2 * * *' }],
    ['backup.retentionDays', { incremental: 7, differential: 30, full: 90 }],
    ['reconciliation.defaultStrategy', 'WARN_ONLY'],
    ['reconciliation.tolerance', { quantity: { abs: '0' }, price: { rel: '0.0001' }, cash: { abs: '0.01' } }],
    ['tiers.hotMaxBytes', 64 * 1024 * 1024],
    ['simulator.tickIntervalMs', 1000],
  ];
  for (const [key, value] of settings) desk.store.setSetting(key, value);
  desk.counts.settings = settings.length;
}

export function buildArtifacts(desk: Desk, r: Rng): void {
  const byName = new Map(desk.strategies.map((s) => [s.spec.name, s]));
  const put = (name: string, data: Uint8Array, strategyName: string | null, ageMs: number) => {
    const st = strategyName ? byName.get(strategyName) : undefined;
    desk.store.putArtifact(name, data, st ? st.spec.strategyId : null, desk.iso(desk.asOfMs - ageMs));
    desk.counts.artifacts++;
  };
  const json = (value: unknown) => new TextEncoder().encode(canonicalJson(value, 2) + '\n');
  // Two versions of one model (a retrain), so the artifact has a history.
  put('btc-momentum-4h/model.onnx', fakeOnnx(r, 6144), 'btc-momentum-4h', 9 * DAY + r.int(0, DAY));
  put('btc-momentum-4h/model.onnx', fakeOnnx(r, 6656), 'btc-momentum-4h', 2 * DAY + r.int(0, DAY));
  put('eth-basis-carry/scaler.bin', randomBytes(r, 2048), 'eth-basis-carry', 5 * DAY + r.int(0, DAY));
  const params = { lookbackBars: 20, entryZ: '2', exitZ: '0.5', universe: ['SPY'], trainedThrough: desk.iso(desk.asOfMs - 3 * DAY) };
  put('mean-reversion-spy/params.json', json(params), 'mean-reversion-spy', 3 * DAY);
  put('calendars/exchange-holidays.json', json(HOLIDAYS), null, 30 * DAY);
  if (desk.size === 'large') {
    const extra = r.sample(desk.strategies.filter((s) => !isNamed(s.spec.name)), 8);
    for (const st of extra) {
      const onnx = r.chance(0.6);
      put(`${st.spec.name}/${onnx ? 'model.onnx' : 'weights.bin'}`, onnx ? fakeOnnx(r, r.int(4096, 16384)) : randomBytes(r, r.int(2048, 8192)), st.spec.name, r.int(1, 40) * DAY);
    }
  }
}

const HOLIDAYS = {
  NYSE: ['2025-01-01', '2025-01-20', '2025-02-17', '2025-04-18', '2025-05-26', '2025-06-19', '2025-07-04', '2025-09-01', '2025-11-27', '2025-12-25'],
  LSE: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  XETRA: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-01', '2025-12-24', '2025-12-25', '2025-12-26', '2025-12-31'],
};

function randomBytes(r: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const x = r.u32();
    out[i] = x & 0xff;
    if (i + 1 < n) out[i + 1] = (x >>> 8) & 0xff;
    if (i + 2 < n) out[i + 2] = (x >>> 16) & 0xff;
    if (i + 3 < n) out[i + 3] = x >>> 24;
  }
  return out;
}

/** Bytes that start like an ONNX protobuf (ir_version, producer name) followed by seeded weights. */
function fakeOnnx(r: Rng, n: number): Uint8Array {
  const header = new TextEncoder().encode('\x08\x08\x12\x07pytorch\x1a\x052.3.1');
  const out = randomBytes(r, n);
  out.set(header.subarray(0, Math.min(header.length, n)));
  return out;
}
