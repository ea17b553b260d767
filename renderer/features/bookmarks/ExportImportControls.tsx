// "Export bookmarks" (Markdown to read, JSON in the W3C Web Annotation shape to import elsewhere)
// and "Import bookmarks", with a report of what the import did and could not anchor.
import { useRef, useState, type ChangeEvent } from 'react';
import { useBackends } from '../../db/db-context';
import { annotationsNewestFirst } from './annotation-queries';
import { downloadBlob } from '../../ui/download-file';

/** "forum-reader-bookmarks-2025-05-01.md" */
const exportFileName = (extension: string, at = new Date()): string =>
  `forum-reader-bookmarks-${at.toISOString().slice(0, 10)}.${extension}`;
import { bookmarksAsMarkdown } from './export-markdown';
import { importAnnotations, type ImportReport } from './import-annotations';
import { quotableTextOf } from './quotable-text';
import { annotationCollectionOf, parseAnnotationFile } from './web-annotation';

type Outcome = { ok: true; report: ImportReport; fileName: string } | { ok: false; message: string };

/** Files larger than this are not bookmarks exports; reading them would only freeze the window. */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export function ExportImportControls() {
  const { db } = useBackends();
  const [menuOpen, setMenuOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const exportAs = async (format: 'markdown' | 'json') => {
    setMenuOpen(false);
    const items = await annotationsNewestFirst(db);
    if (format === 'markdown') downloadBlob(exportFileName('md'), new Blob([bookmarksAsMarkdown(items, quotableTextOf)], { type: 'text/markdown' }));
    else downloadBlob(exportFileName('json'), new Blob([`${JSON.stringify(annotationCollectionOf(items), null, 2)}\n`], { type: 'application/ld+json' }));
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    try {
      if (file.size > MAX_IMPORT_BYTES) {
        setOutcome({ ok: false, message: `${file.name} is ${Math.round(file.size / 1024 / 1024)} MB, too large to be a bookmarks export.` });
        return;
      }
      const parsed = parseAnnotationFile(await file.text());
      if (!parsed.ok) {
        setOutcome({ ok: false, message: `${file.name}: ${parsed.message}` });
        return;
      }
      setOutcome({ ok: true, report: await importAnnotations(db, parsed.annotations, quotableTextOf), fileName: file.name });
    } catch (error) {
      setOutcome({ ok: false, message: `${file.name} could not be imported (${error instanceof Error ? error.message : String(error)}).` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export-import">
      <div className="export-menu">
        <button type="button" aria-expanded={menuOpen} onClick={() => setMenuOpen(!menuOpen)}>
          Export bookmarks
        </button>
        {menuOpen && (
          <div className="export-choices" role="group" aria-label="Export format" onKeyDown={(event) => event.key === 'Escape' && setMenuOpen(false)}>
            <button type="button" onClick={() => void exportAs('markdown')} autoFocus>
              As Markdown
            </button>
            <button type="button" onClick={() => void exportAs('json')}>
              As JSON (Web Annotations)
            </button>
          </div>
        )}
      </div>
      <button type="button" onClick={() => fileInput.current?.click()} disabled={busy}>
        Import bookmarks
      </button>
      <input ref={fileInput} type="file" accept=".json,.jsonld,application/json,application/ld+json" hidden onChange={(event) => void importFile(event)} />
      <div className="import-outcome" aria-live="polite">
        {outcome && <ImportOutcome outcome={outcome} onDismiss={() => setOutcome(null)} />}
      </div>
    </div>
  );
}

function ImportOutcome({ outcome, onDismiss }: { outcome: Outcome; onDismiss(): void }) {
  if (!outcome.ok) {
    return (
      <div className="import-report import-failed">
        <p>
          Nothing was imported. {outcome.message} Your bookmarks are unchanged; choose a file saved with “Export bookmarks” as JSON.
        </p>
        <button type="button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    );
  }
  const { report } = outcome;
  const skipped = report.duplicatesSkipped > 0 ? ` ${plural(report.duplicatesSkipped, 'duplicate')} skipped.` : '';
  return (
    <div className="import-report">
      <p>
        Imported {plural(report.bookmarksAdded, 'bookmark')} and {plural(report.highlightsAdded, 'highlight')} from {outcome.fileName}.{skipped}
      </p>
      {report.unanchored.length > 0 && (
        <>
          <p>Could not anchor {plural(report.unanchored.length, 'item')}; kept, and shown as orphaned until the post or passage is found:</p>
          <ul>
            {report.unanchored.map((entry, i) => (
              <li key={i}>
                {entry.what}: {entry.why}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.unplaced.length > 0 && (
        <>
          <p>Not imported, as no forum of this profile holds their post ({plural(report.unplaced.length, 'item')}); add the forum and import again:</p>
          <ul>
            {report.unplaced.map((entry, i) => (
              <li key={i}>
                {entry.what}: {entry.why}
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
