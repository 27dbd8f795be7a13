// Keyboard users land where the work is: when a step, dialog or wizard appears, focus moves into
// it (onto its element marked data-autofocus, else the container itself), and when it goes away
// focus goes back to whatever had it before — the button that opened it — if that is still there.
import { useEffect, useRef, type RefObject } from 'react';

export function useFocusInto(ref: RefObject<HTMLElement | null>, options: { returnFocus?: boolean } = {}): void {
  // Taken at the first render, before any child's effect has moved focus inside.
  const opener = useRef<Element | null>(null);
  if (opener.current === null && typeof document !== 'undefined') opener.current = document.activeElement;
  const returnFocus = options.returnFocus === true;
  useEffect(() => {
    const el = ref.current;
    if (el && !el.contains(document.activeElement)) (el.querySelector<HTMLElement>('[data-autofocus]') ?? el).focus({ preventScroll: true });
    return () => {
      const back = opener.current;
      if (!returnFocus || !(back instanceof HTMLElement) || !back.isConnected) return;
      // Only when focus was inside (or fell to the page when the element went away): never steal it.
      const now = document.activeElement;
      if (now === null || now === document.body || el?.contains(now)) back.focus({ preventScroll: true });
    };
  }, [ref, returnFocus]);
}
