import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { useBackends } from '../../db/db-context';
import { formatBytes } from '../../ui/format-bytes';
import { exportLibrary, libraryFileName, picturesToExport } from './export-library';
import { importLibrary } from './import-library';
import { describeCounts } from './library-format';
import { chooseLibrarySink } from './library-sinks';
import './backup.css';

type Work = { kind: 'export' | 'check' | 'import'; done: number; total: number };
type Outcome = { ok: boolean; message: string };

const WORK_WORDS: Record<Work['kind'], string> = { export: 'Exporting', check: 'Checking the file', import: 'Importing' };

/** "Export library" and "Import library": the whole library to one file and back. */
export function LibraryBackup() {
  const { db } = useBackends();
  const fileInput = useRef<HTMLInputElement>(null);
  const [work, setWork] = useState<Work | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const pictures = useLiveQuery(() => picturesToExport(db), [db]);
  const [includePictures, setIncludePictures] = useState(true);

  const onExport = async () => {
    setOutcome(null);
    const fileName = libraryFileName();
    const sink = await chooseLibrarySink(fileName);
    if (!sink) return;
    setWork({ kind: 'export', done: 0, total: 1 });
    try {
      const counts = await exportLibrary(db, sink, { includePictures, onProgress: ({ rowsDone, rowsTotal }) => setWork({ kind: 'export', done: rowsDone, total: rowsTotal }) });
      setOutcome({ ok: true, message: `Exported ${describeCounts(counts)} to ${fileName}.` });
    } catch (error) {
      setOutcome({ ok: false, message: `The library could not be exported (${error instanceof Error ? error.message : String(error)}). Nothing in it changed; try again.` });
    } finally {
      setWork(null);
    }
  };

  const onImport = async (file: File) => {
    setOutcome(null);
    setWork({ kind: 'check', done: 0, total: file.size });
    try {
      const result = await importLibrary(db, file, {
        onProgress: ({ phase, bytesDone, bytesTotal }) => setWork({ kind: phase === 'checking' ? 'check' : 'import', done: bytesDone, total: bytesTotal }),
      });
      setOutcome({ ok: result.ok, message: result.message });
    } finally {
      setWork(null);
    }
  };

  const percent = work ? Math.floor((100 * work.done) / Math.max(1, work.total)) : 0;
  return (
    <section className="storage-section library-backup" aria-labelledby="library-backup">
      <h2 id="library-backup">Library backup</h2>
      <p className="storage-help">
        Export library writes everything stored here (forums, threads, posts, read marks, bookmarks, highlights, drafts, replies waiting to be
        sent, settings, and the pictures kept offline if you include them) to one file. Import library adds such a file to this library: what is already here is kept, nothing is added twice.
      </p>
      {pictures && pictures.count > 0 && (
        <label className="backup-pictures">
          <input type="checkbox" checked={includePictures} onChange={(event) => setIncludePictures(event.target.checked)} disabled={work !== null} />
          Include pictures ({pictures.count.toLocaleString('en')} {pictures.count === 1 ? 'picture' : 'pictures'}, {formatBytes(pictures.bytes)}: adds about{' '}
          {formatBytes(pictures.fileBytes)} to the file)
        </label>
      )}
      <div className="backup-buttons">
        <button type="button" onClick={() => void onExport()} disabled={work !== null}>
          Export library
        </button>
        <button type="button" onClick={() => fileInput.current?.click()} disabled={work !== null}>
          Import library
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".ndjson,.json,application/x-ndjson"
          hidden
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void onImport(file);
          }}
        />
      </div>
      {work && (
        <div className="backup-progress">
          <progress aria-label="Backup progress" max={100} value={percent} />
          <span>
            {WORK_WORDS[work.kind]}… {percent}%
          </span>
        </div>
      )}
      {outcome &&
        (outcome.ok ? (
          <p className="backup-outcome" aria-live="polite">
            {outcome.message}
          </p>
        ) : (
          <p className="backup-outcome backup-failed" role="alert">
            {outcome.message}
          </p>
        ))}
    </section>
  );
}
