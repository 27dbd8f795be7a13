// The tiers side by side, hot → warm → cold, each with what it holds, how it serves, what moved
// and its health (with the last error when it is not up).
import type { TierStatus } from '../../../../shared/api/tiers';
import { formatBytes } from '../../format/bytes';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);
const micros = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)} ms` : `${n} µs`);

function TierBox({ t }: { t: TierStatus }) {
  return (
    <div className={`panel st-tier st-${t.health}`} data-testid={`tier-${t.tier}`} data-health={t.health} data-objects={t.objects} data-stored={t.storedBytes}>
      <div className="st-tier-head">
        <span className="st-tier-name">{t.tier}</span>
        <span className={`st-health st-health-${t.health}`} data-testid={`tier-${t.tier}-health`}>
          {t.health}
        </span>
      </div>
      <div className="st-tier-where" title={t.location}>
        {t.location}
      </div>
      <dl className="st-figures">
        <dt>Objects</dt>
        <dd data-testid={`tier-${t.tier}-objects`}>{t.objects.toLocaleString('en-US')}</dd>
        <dt>Raw</dt>
        <dd>{formatBytes(t.rawBytes)}</dd>
        <dt>Stored</dt>
        <dd data-testid={`tier-${t.tier}-bytes`}>{formatBytes(t.storedBytes)}</dd>
        <dt>Compression</dt>
        <dd>{t.compressionRatio === null ? '—' : `${t.compressionRatio}×`}</dd>
        <dt>Hit ratio</dt>
        <dd data-testid={`tier-${t.tier}-hits`}>{pct(t.hitRatio)}</dd>
        <dt title="read latency percentiles">p50 · p95 · p99</dt>
        <dd className="st-wrap">{t.latencyMicros ? `${micros(t.latencyMicros.p50)} · ${micros(t.latencyMicros.p95)} · ${micros(t.latencyMicros.p99)}` : '—'}</dd>
        <dt>Promoted / demoted</dt>
        <dd data-testid={`tier-${t.tier}-moves`}>
          {t.promotions.toLocaleString('en-US')} / {t.demotions.toLocaleString('en-US')}
        </dd>
        {t.maxBytes !== undefined ? (
          <>
            <dt>Bound</dt>
            <dd>{formatBytes(t.maxBytes)}</dd>
          </>
        ) : null}
        {t.packs !== undefined ? (
          <>
            <dt>Packs</dt>
            <dd>{t.packs}</dd>
          </>
        ) : null}
      </dl>
      {t.lastError && t.health !== 'up' ? (
        <div className="st-error" data-testid={`tier-${t.tier}-error`} title={t.lastErrorAt ?? undefined}>
          {t.lastError}
        </div>
      ) : null}
    </div>
  );
}

export function TierDiagram({ tiers }: { tiers: readonly TierStatus[] }) {
  return (
    <div className="st-diagram" data-testid="tier-diagram">
      {tiers.map((t, i) => (
        <div className="st-step" key={t.tier}>
          {i > 0 ? <span className="st-arrow" aria-hidden="true">→</span> : null}
          <TierBox t={t} />
        </div>
      ))}
    </div>
  );
}
