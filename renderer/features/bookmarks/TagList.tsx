// The tags in use, to filter by, rename and merge. Renaming a tag to one that already exists
// merges the two; the button says which it will do before it is pressed.
import { useId, useState, type FormEvent } from 'react';
import { useBackends } from '../../db/db-context';
import { renameTag } from './annotation-writes';
import { describeFailure } from './bookmark-actions';
import { useBookmarksUi } from './bookmarks-ui-store';
import { parseTags } from './tags';

export interface TagListProps {
  tags: readonly { tag: string; count: number }[];
  selected: string | null;
  onSelect(tag: string | null): void;
}

export function TagList({ tags, selected, onSelect }: TagListProps) {
  const headingId = useId();
  const [renaming, setRenaming] = useState<string | null>(null);
  return (
    <section className="tag-list" aria-labelledby={headingId}>
      <h2 id={headingId}>Tags</h2>
      {tags.length === 0 && <p className="empty">No tags yet. Add them with a note.</p>}
      <ul>
        {tags.map(({ tag, count }) => (
          <li key={tag}>
            {renaming === tag ? (
              <RenameTagForm tag={tag} existing={tags.map((t) => t.tag)} onDone={() => setRenaming(null)} />
            ) : (
              <div className="tag-row">
                <button type="button" className="tag" aria-pressed={selected === tag} onClick={() => onSelect(selected === tag ? null : tag)}>
                  {tag} <span className="tag-count">{count}</span>
                </button>
                <button type="button" className="tag-rename" aria-label={`Rename ${tag}`} onClick={() => setRenaming(tag)}>
                  Rename
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {tags.length > 1 && <p className="hint">Renaming a tag to the name of another merges the two.</p>}
    </section>
  );
}

function RenameTagForm({ tag, existing, onDone }: { tag: string; existing: readonly string[]; onDone(): void }) {
  const { db } = useBackends();
  const [name, setName] = useState(tag);
  const inputId = useId();
  const to = parseTags(name)[0] ?? '';
  const mergeInto = existing.find((other) => other !== tag && other.toLocaleLowerCase() === to.toLocaleLowerCase());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (to === '' || to === tag) return onDone();
    renameTag(db, tag, mergeInto ?? to).then(onDone, (error: unknown) => useBookmarksUi.getState().notify(describeFailure('The tag', error)));
  };
  return (
    <form className="rename-tag" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && onDone()}>
      <label htmlFor={inputId}>New name for “{tag}”</label>
      <input id={inputId} type="text" value={name} onChange={(event) => setName(event.target.value)} autoFocus />
      <div className="rename-tag-buttons">
        <button type="submit" disabled={to === ''}>
          {mergeInto ? `Merge into “${mergeInto}”` : 'Rename'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
