// What a person types into a server-side query (a search, column filters): shown as typed at
// once, sent once they pause, so a list of 200,000 orders is not asked for at every key.
import { useEffect, useState } from 'react';

/** How long typing must stop before the query is sent. */
export const TYPING_PAUSE_MS = 250;

/**
 * `sent` is the query's value in its store, `send` puts a new one there; `equal` must be stable
 * (a module-level function). Returns the value as typed and its setter.
 */
export function useSentOnPause<T>(sent: T, send: (value: T) => void, equal: (a: T, b: T) => boolean = Object.is): [T, (value: T) => void] {
  const [typed, setTyped] = useState(sent);
  useEffect(() => setTyped(sent), [sent]);
  useEffect(() => {
    if (equal(typed, sent)) return;
    const t = setTimeout(() => send(typed), TYPING_PAUSE_MS);
    return () => clearTimeout(t);
  }, [typed, sent, send, equal]);
  return [typed, setTyped];
}
