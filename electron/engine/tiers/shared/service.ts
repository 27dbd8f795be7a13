// What the shared tiers run while a console holds the folder: the live-status heartbeat, and
// publishing in the background — once at start (finishing what an interrupted run left) and after
// each checkpoint. Publishes never overlap: a checkpoint during one asks for another after it. A
// publish that failed (the tier down) is tried again at the next heartbeat tick, so the desk
// catches up by itself once the tier is back. Nothing runs when no shared tier is configured.
import type { DeskContext } from '../../runtime/context';
import { HEARTBEAT_SECONDS } from './config';
import { DeskHeartbeat } from './heartbeat';
import { publishCheckpoints, type PublishOutcome } from './publish';
import { sharedTiersOf } from './shared-tiers';

export interface SharedTierService {
  /** Resolves when no publish is running or asked for (tests, and a clean stop). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const CREATED = /^checkpoint\.|^reconcile\.sync|^backup\.restore-live|^rollback\./;

export function startSharedTiers(desk: DeskContext, onError: (err: unknown) => void, onPublished: (r: PublishOutcome) => void = () => {}): SharedTierService {
  let tiers;
  try {
    tiers = desk.mode === 'write' ? sharedTiersOf(desk) : null;
  } catch (err) {
    onError(err); // a bad URL in the environment: said once, nothing started
    tiers = null;
  }
  if (!tiers) return { idle: async () => {}, stop: async () => {} };
  const shared = tiers;
  let running: Promise<void> | null = null;
  let again = false;
  let failed = false;
  let stopped = false;

  const publish = (): Promise<void> => {
    if (!shared.postgres || stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          onPublished(await publishCheckpoints(desk, shared.postgres!));
          failed = false;
        } catch (err) {
          failed = true;
          onError(err);
        }
      } while (again && !stopped);
    })().finally(() => (running = null));
    return running;
  };

  const heartbeat = shared.redis ? new DeskHeartbeat(desk, shared) : null;
  const tick = () => {
    if (heartbeat) void heartbeat.beat().catch(onError);
    if (failed) void publish();
  };
  const timer = setInterval(tick, HEARTBEAT_SECONDS * 1000);
  timer.unref();
  const off = desk.events.subscribe((e) => {
    if (e.name !== 'checkpoints.changed') return;
    const { reason } = e.payload as { reason: string };
    if (CREATED.test(reason) && reason !== 'checkpoint.verify') {
      void publish().then(() => heartbeat?.beat().catch(onError));
    }
  });
  void publish();
  if (heartbeat) void heartbeat.beat().catch(onError);

  return {
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      off();
      clearInterval(timer);
      while (running) await running;
      await shared.close();
    },
  };
}
