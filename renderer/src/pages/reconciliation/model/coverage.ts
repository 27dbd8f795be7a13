// The engine describes what a file covers one line per account ("positions 93, open orders 21,
// cash not reported"); the page marks the sections that are not reported and groups long counts.
import { groupThousands } from '../../../../../shared/decimal-text';

export interface CoveragePart {
  text: string;
  missing: boolean;
}

export function coverageParts(text: string): CoveragePart[] {
  return text
    .split(/,\s*/)
    .filter(Boolean)
    .map((t) => ({ text: t.replace(/\d{4,}/g, (n) => groupThousands(n)), missing: /not reported/i.test(t) }));
}
