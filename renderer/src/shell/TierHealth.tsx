// The storage tiers' health in the top bar: up, degraded or down (the worst tier's), linking to the
// Storage page. It asks tiers.status every few seconds — a tier's health is found by asking, there
// is no event for a folder unmounted or a server gone — and after each tier move, through the
// Storage page's own store, so the header and the page always say the same.
import { useEffect } from 'react';
import type { TierHealth as Health, TiersStatus } from '../../../shared/api/tiers';
import { Badge, type BadgeTone } from '../components/Badge';
import { onAnyEvent } from '../live/live';
import { useStorage } from '../pages/storage/store/storage';
import { useNav } from '../routing/nav';
import './TierHealth.css';

const EVERY_MS = 5_000;
const TONE: Record<Health, BadgeTone> = { up: 'ok', degraded: 'warn', down: 'halt' };

/** The worst health of the tiers (down over degraded over up), and the words for its tooltip. */
export function overallHealth(status: TiersStatus): { health: Health; title: string } {
  const health: Health = status.tiers.some((t) => t.health === 'down') ? 'down' : status.tiers.some((t) => t.health === 'degraded') ? 'degraded' : 'up';
  const lines = status.tiers.map((t) => `${t.tier}: ${t.health}${t.health !== 'up' && t.lastError ? ` — ${t.lastError}` : ''}`);
  return { health, title: `Storage tiers (open the Storage page)\n${lines.join('\n')}` };
}

export function TierHealth() {
  const status = useStorage((s) => s.status);
  const go = useNav((s) => s.go);
  useEffect(() => {
    const load = () => void useStorage.getState().loadStatus();
    load();
    const timer = setInterval(load, EVERY_MS);
    const off = onAnyEvent((e) => {
      if (e.name === 'job.updated' && String((e.payload as { kind?: string }).kind).startsWith('tiers-')) load();
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, []);
  if (!status) return null;
  const { health, title } = overallHealth(status);
  return (
    <button type="button" className="topbar-item topbar-checkpoint topbar-tiers" onClick={() => go('storage')} title={title} aria-label={`Storage tiers: ${health}`} data-testid="header-tiers" data-health={health}>
      <span className="label">Tiers</span>
      <Badge tone={TONE[health]} testId="header-tiers-health">
        {health}
      </Badge>
    </button>
  );
}
