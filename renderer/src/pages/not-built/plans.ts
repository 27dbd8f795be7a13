// What the pages not built yet will do, in the words the not-built page shows.
import { notBuilt } from './NotBuiltPage';

export const StoragePage = notBuilt({
  id: 'storage',
  title: 'Storage',
  what: ['Show the hot, warm and cold tiers: objects, bytes raw and stored, hit ratio, read latency, promotions and demotions.'],
});
