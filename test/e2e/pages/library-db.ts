// Reads and writes the reader's IndexedDB from the test, with the browser's own IndexedDB API
// (not the app's code), so what the tests check is what is really stored.
import type { Page } from '@playwright/test';

export const DB_NAME = 'forum-reader';

/** Every row of the named tables, each sorted by its primary key. */
export function dumpTables(page: Page, tables: readonly string[]): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    async ({ name, tables }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        const dump: Record<string, unknown[]> = {};
        for (const table of tables) {
          dump[table] = await new Promise<unknown[]>((resolve, reject) => {
            const request = db.transaction(table).objectStore(table).getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
        }
        return dump;
      } finally {
        db.close();
      }
    },
    { name: DB_NAME, tables },
  );
}

export async function countRows(page: Page, table: string): Promise<number> {
  return (await dumpTables(page, [table]))[table]!.length;
}

/** Puts rows into one table (as the app would have written them). */
export function putRows(page: Page, table: string, rows: unknown[]): Promise<void> {
  return page.evaluate(
    async ({ name, table, rows }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction(table, 'readwrite');
          for (const row of rows) tx.objectStore(table).put(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      } finally {
        db.close();
      }
    },
    { name: DB_NAME, table, rows },
  );
}

/**
 * Keeps a read-write transaction open on one table until the returned function is called, so the
 * app's reads of that table wait: what a slow disk does to a thread that is still opening.
 */
export async function holdTable(page: Page, table: string): Promise<() => Promise<void>> {
  await page.evaluate(
    async ({ name, table }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const held = window as unknown as { releaseHeldTable?: () => void };
      let released = false;
      held.releaseHeldTable = () => {
        released = true;
      };
      const store = db.transaction(table, 'readwrite').objectStore(table);
      // A transaction stays open only while it has requests in flight.
      const keepAlive = () => {
        if (released) db.close();
        else store.count().onsuccess = keepAlive;
      };
      keepAlive();
    },
    { name: DB_NAME, table },
  );
  return () => page.evaluate(() => (window as unknown as { releaseHeldTable: () => void }).releaseHeldTable());
}

/** A picture as the app keeps it; `base64` holds its bytes (a Blob is made of them in the page). */
export interface StoredPicture {
  hash: string;
  base64: string;
  mime: string;
  width: number;
  height: number;
  forumIds: string[];
  uses: { postId: string; threadId: string; url: string }[];
}

/** Puts pictures and the posts' uses of them into the images tables, as the app would have written them. */
export function putPictures(page: Page, pictures: StoredPicture[], at = '2026-12-06T08:00:00.000Z'): Promise<void> {
  return page.evaluate(
    async ({ name, pictures, at }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction(['images', 'imageUses'], 'readwrite');
          for (const picture of pictures) {
            const bytes = Uint8Array.from(atob(picture.base64), (char) => char.charCodeAt(0));
            const { uses, base64: _, ...row } = picture;
            tx.objectStore('images').put({ ...row, bytes: new Blob([bytes], { type: picture.mime }), byteLength: bytes.length, storedAt: at });
            for (const use of uses) tx.objectStore('imageUses').put({ ...use, forumId: picture.forumIds[0], hash: picture.hash, at });
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      } finally {
        db.close();
      }
    },
    { name: DB_NAME, pictures, at },
  );
}
