// What the pages not built yet will do, in the words the not-built page shows.
import { notBuilt } from './NotBuiltPage';

export const StoragePage = notBuilt({
  id: 'storage',
  title: 'Storage',
  what: ['Show the hot, warm and cold tiers: objects, bytes raw and stored, hit ratio, read latency, promotions and demotions.'],
});

export const RecoveryPage = notBuilt({
  id: 'recovery',
  title: 'Recovery',
  what: [
    'Run the failure detectors and walk a playbook step by step, with RPO and RTO measured.',
    'Run the automatic steps with retries and hand the rest to a person.',
  ],
});
