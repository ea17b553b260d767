// The note and tags of a bookmark or a highlight. Kept in the form until "Save", so typing does
// not write to the database on every key.
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { formatTags, parseTags } from './tags';

export interface AnnotationEditorProps {
  note: string;
  tags: readonly string[];
  onSave(note: string, tags: string[]): void;
  onCancel(): void;
  autoFocus?: boolean;
}

export function AnnotationEditor({ note, tags, onSave, onCancel, autoFocus = false }: AnnotationEditorProps) {
  const [noteText, setNoteText] = useState(note);
  const [tagsText, setTagsText] = useState(formatTags(tags));
  const noteId = useId();
  const tagsId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(noteText.trim(), parseTags(tagsText));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSave(noteText.trim(), parseTags(tagsText));
    }
  };
  return (
    <form className="annotation-editor" onSubmit={submit} onKeyDown={onKeyDown}>
      <label htmlFor={noteId}>Note</label>
      <textarea id={noteId} rows={2} value={noteText} onChange={(event) => setNoteText(event.target.value)} autoFocus={autoFocus} />
      <label htmlFor={tagsId}>Tags</label>
      <input id={tagsId} type="text" value={tagsText} placeholder="ballet, Lermontov" onChange={(event) => setTagsText(event.target.value)} />
      <div className="annotation-editor-buttons">
        <button type="submit">Save</button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
