// Closing what is open over the page: Escape for drawers and dialogs, Escape or a press outside
// for popovers. One place for the listeners, so every overlay closes the same way.
import { useEffect, useRef, type RefObject } from 'react';

export interface EscapeOptions {
  /** Listen only while this is true (default true). */
  active?: boolean;
  /** Take Escape ahead of every other listener (window, capture phase) and stop it there: a dialog over a drawer closes first. */
  ahead?: boolean;
  /** Mark Escape as handled (preventDefault) without stopping it. */
  handled?: boolean;
}

/** Calls `onEscape` when Escape is pressed anywhere on the page. */
export function useEscape(onEscape: () => void, { active = true, ahead = false, handled = false }: EscapeOptions = {}): void {
  const latest = useRef(onEscape);
  latest.current = onEscape;
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      if (ahead || handled) e.preventDefault();
      if (ahead) e.stopPropagation();
      latest.current();
    };
    const target: Window | Document = ahead ? window : document;
    target.addEventListener('keydown', onKey as EventListener, ahead);
    return () => target.removeEventListener('keydown', onKey as EventListener, ahead);
  }, [active, ahead, handled]);
}

/** A popover: while `open`, a press outside `box` or Escape calls `close`. */
export function useDismiss(box: RefObject<HTMLElement | null>, open: boolean, close: () => void): void {
  const latest = useRef(close);
  latest.current = close;
  useEscape(close, { active: open });
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) latest.current();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open, box]);
}
