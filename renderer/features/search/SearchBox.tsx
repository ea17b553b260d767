// The "Search posts" box in the toolbar. Typing shows the Search view with results as one types;
// "/" anywhere outside a text field puts the cursor here.
import { useEffect, useRef } from 'react';
import { useBackends } from '../../db/db-context';
import { useView } from '../../state/view-store';
import { searchClientFor } from './search-client';
import { useSearch } from './search-store';
import { useMarksInReader } from './use-marks-in-reader';
import './search.css';

const isTypingTarget = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function SearchBox() {
  const { db } = useBackends();
  // The box is always on screen, so the index starts catching up at launch, not at the first search.
  useEffect(() => void searchClientFor(db), [db]);
  useMarksInReader();
  const box = useRef<HTMLInputElement>(null);
  const query = useSearch((s) => s.query);
  const setQuery = useSearch((s) => s.setQuery);
  const show = useView((s) => s.show);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // The reader's own keyboard map also knows "/"; whichever listener runs first takes it.
      if (event.key !== '/' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      box.current?.focus();
      box.current?.select();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <input
      ref={box}
      className="search-box"
      type="search"
      aria-label="Search posts"
      placeholder="Search posts  /"
      autoComplete="off"
      spellCheck={false}
      value={query}
      onChange={(event) => {
        setQuery(event.target.value);
        if (event.target.value.trim()) show('search');
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') show('search');
        if (event.key === 'Escape' && !query) event.currentTarget.blur();
      }}
    />
  );
}
