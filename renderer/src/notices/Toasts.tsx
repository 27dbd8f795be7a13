// The toast stack, bottom right: at most three notices (notices/model.ts), newest at the bottom.
// Info hides by itself; a failure stays until dismissed (its × button, or Escape inside it). The
// stack lifts itself above any footer with buttons below it (a wizard's Continue), so it never
// covers one.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { shownTime, utcStamp } from '../format/time';
import { useNav } from '../routing/nav';
import { autoHides, INFO_MS, visibleToasts, type Notice } from './model';
import { useNotices } from './store';
import './Toasts.css';

const GAP = 16;

export function Toasts() {
  const toasts = useNotices((s) => s.toasts);
  const { shown, waiting } = visibleToasts(toasts);
  const ref = useRef<HTMLDivElement>(null);
  const bottom = useClearOfFooters(ref, shown.length);
  return (
    <section className="toasts" ref={ref} style={{ bottom }} aria-label="Notifications" data-testid="toasts">
      <div role="status" aria-live="polite" className="toasts-list">
        {waiting ? (
          <div className="toasts-waiting dim" data-testid="toasts-waiting">
            {waiting} more behind these
          </div>
        ) : null}
        {shown.map((n) => (
          <Toast key={n.id} n={n} />
        ))}
      </div>
    </section>
  );
}

function Toast({ n }: { n: Notice }) {
  const dismiss = useNotices((s) => s.dismiss);
  const go = useNav((s) => s.go);
  useEffect(() => {
    if (!autoHides(n)) return;
    const timer = setTimeout(() => dismiss(n.id), INFO_MS);
    return () => clearTimeout(timer);
  }, [n, dismiss]);
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    dismiss(n.id);
  };
  return (
    <div className={`toast toast-${n.tone}`} onKeyDown={onKey} data-testid="toast" data-kind={n.kind} data-tone={n.tone}>
      <div className="toast-head">
        <span className="toast-title" data-testid="toast-title">
          {n.title}
          {n.count > 1 ? <span className="toast-count"> ×{n.count}</span> : null}
        </span>
        <button type="button" className="toast-close" aria-label={`Dismiss: ${n.title}`} onClick={() => dismiss(n.id)} data-testid="toast-dismiss">
          ×
        </button>
      </div>
      <div className="toast-where" data-testid="toast-where">
        {n.where}
      </div>
      {n.detail ? <div className="toast-detail">{n.detail}</div> : null}
      <div className="toast-foot">
        <time dateTime={n.at} title={utcStamp(n.at)} className="dim" data-testid="toast-time">
          {shownTime(n.at)}
        </time>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            dismiss(n.id);
            go(n.link.page);
          }}
          data-testid="toast-link"
        >
          Open {n.link.label}
        </button>
      </div>
    </div>
  );
}

/** Footers whose buttons the stack must leave uncovered. */
const FOOTERS = '.wizard-foot, [class*="-foot"]';

/** The stack's distance from the bottom of the window: GAP, or above a footer it would cover. */
function useClearOfFooters(ref: RefObject<HTMLDivElement | null>, count: number): number {
  const [bottom, setBottom] = useState(GAP);
  useLayoutEffect(() => {
    if (!count) return;
    let frame = 0;
    const measure = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const el = ref.current;
        if (!el) return;
        const box = el.getBoundingClientRect();
        const h = window.innerHeight;
        let next = GAP;
        for (const foot of document.querySelectorAll<HTMLElement>(FOOTERS)) {
          if (el.contains(foot) || !foot.querySelector('button')) continue;
          const r = foot.getBoundingClientRect();
          if (r.width === 0 || r.right <= box.left || r.left >= box.right) continue;
          // Where the stack would sit at the bottom, and whether the footer is inside that band.
          if (r.bottom > h - GAP - box.height && r.top < h - GAP) next = Math.max(next, h - r.top + 8);
        }
        setBottom((b) => (b === next ? b : next));
      });
    };
    measure();
    const observer = new MutationObserver(measure);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', measure);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [ref, count]);
  return bottom;
}
