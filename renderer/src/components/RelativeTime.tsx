// "5m ago", with the exact UTC time on hover.
import { relativeTime, utcStamp } from '../format/time';
import { useNow } from '../hooks/useNow';

export function RelativeTime({ iso, testId }: { iso: string | null | undefined; testId?: string }) {
  const now = useNow();
  return (
    <time className="reltime" dateTime={iso ?? undefined} title={iso ? utcStamp(iso) : 'no activity recorded'} data-testid={testId}>
      {relativeTime(iso, now)}
    </time>
  );
}
