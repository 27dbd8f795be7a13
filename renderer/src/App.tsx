import { Shell } from './shell/Shell';
import { NeedsToken } from './shell/NeedsToken';
import { useConnection } from './stores/connection';

export function App({ hasBridge }: { hasBridge: boolean }) {
  const unauthorized = useConnection((s) => s.unauthorized);
  if (!hasBridge || unauthorized) return <NeedsToken refused={hasBridge && unauthorized} />;
  return <Shell />;
}
