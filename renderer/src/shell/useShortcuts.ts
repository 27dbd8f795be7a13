// Console-wide keys: "g" then a page letter, Alt+1…9, and "?" for the list (pages from the registry).
import { useEffect, useState } from 'react';
import { isEditable } from '../components/table/DataTable';
import { useNav } from '../routing/nav';
import { pageForDigit, pageForLetter } from './keys';
import { PAGES } from './pages';

/** How long "g" waits for its second key. */
const CHORD_MS = 1200;

export function useShortcuts(): { helpOpen: boolean; setHelpOpen(open: boolean): void } {
  const [helpOpen, setHelpOpen] = useState(false);
  useEffect(() => {
    let chordUntil = 0;
    const onKey = (e: KeyboardEvent) => {
      const byDigit = e.altKey && !e.ctrlKey && !e.metaKey ? pageForDigit(e.code, PAGES) : null;
      if (byDigit) {
        e.preventDefault();
        useNav.getState().go(byDigit.id);
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
        const page = pageForLetter(e.key, PAGES);
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
