// Runs an effect when a value changes after the first render (the first load is someone else's).
import { useEffect, useRef } from 'react';

export function useOnChange(value: unknown, effect: () => void): void {
  const first = useRef(true);
  const latest = useRef(effect);
  latest.current = effect;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    latest.current();
  }, [value]);
}
