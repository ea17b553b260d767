// Where an exported library is written in the page. With the File System Access API (Chromium,
// Electron) each chunk goes straight to the chosen file; elsewhere the chunks become small Blobs,
// which the browser may keep out of the page's memory (on disk when large), joined into one
// download at the end.
import { downloadBlob } from '../../ui/download-file';
import type { LibrarySink } from './export-library';

interface WritableFile {
  write(chunk: string): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}
interface SaveFilePicker {
  (options: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }): Promise<{ createWritable(): Promise<WritableFile> }>;
}

export const LIBRARY_FILE_TYPES = [{ description: 'Forum Reader library', accept: { 'application/x-ndjson': ['.ndjson'] } }];

/**
 * Asks where to save (where the browser can ask) and returns the sink, or null when the person
 * cancelled. Must be called straight from the click: the picker needs the user's gesture.
 */
export async function chooseLibrarySink(fileName: string, page: Window = window): Promise<LibrarySink | null> {
  const picker = (page as unknown as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  if (picker) {
    try {
      const handle = await picker.call(page, { suggestedName: fileName, types: LIBRARY_FILE_TYPES });
      const file = await handle.createWritable();
      return { write: (chunk) => file.write(chunk), close: () => file.close(), abort: (reason) => file.abort(reason) };
    } catch (error) {
      if ((error as { name?: unknown }).name === 'AbortError') return null;
      // Refused (a policy, or a host without the permission): a download still works.
    }
  }
  return downloadSink(fileName, page.document);
}

export function downloadSink(fileName: string, document: Document): LibrarySink {
  let parts: Blob[] = [];
  return {
    write: async (chunk) => {
      parts.push(new Blob([chunk]));
    },
    close: async () => {
      const file = new Blob(parts, { type: 'application/x-ndjson' });
      parts = [];
      downloadBlob(fileName, file, document);
    },
    abort: async () => {
      parts = [];
    },
  };
}
