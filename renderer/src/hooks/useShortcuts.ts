// Console-wide keys: "g" then a page letter, Alt+1…8, and "?" for the list.
import { useEffect, useState } from 'react';
import { isEditable } from '../components/table/DataTable';
import { PAGES, useNav } from '../stores/nav';

/** How long "g" waits for its second key. */
const CHORD_MS = 1200;

export function useShortcuts(): { helpOpen: boolean; setHelpOpen(open: boolean): void } {
  const [helpOpen, setHelpOpen] = useState(false);
  useEffect(() => {
    let chordUntil = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-8]$/.test(e.code)) {
        e.preventDefault();
        useNav.getState().go(PAGES[Number(e.code.slice(5)) - 1].id);
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isEditable(e.target)) return;
      if (e.key === '?') {
        e.preventDefault();
        setHelpOpen((o) => !o);
        return;
      }
      if (e.key === 'Escape') setHelpOpen(false);
      if (Date.now() < chordUntil) {
        chordUntil = 0;
        const page = PAGES.find((p) => p.key === e.key.toLowerCase());
        if (page) {
          e.preventDefault();
          useNav.getState().go(page.id);
        }
        return;
      }
      if (e.key === 'g') chordUntil = Date.now() + CHORD_MS;
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return { helpOpen, setHelpOpen };
}
