// Reads and writes the reader's IndexedDB from the test, with the browser's own IndexedDB API
// (not the app's code), so what the tests check is what is really stored.
import type { Page } from '@playwright/test';

export const DB_NAME = 'forum-reader';

/** What `installPageSide` puts on the page's window, for the calls below to use. */
interface PageSide {
  /** Runs `use` on a connection of its own, closed after, so the app's upgrades are never blocked by one left open. */
  withDb<T>(use: (db: IDBDatabase) => Promise<T>): Promise<T>;
  /** The result of one request. */
  result<T>(request: IDBRequest<T>): Promise<T>;
  /** Resolves when the transaction has committed. */
  done(tx: IDBTransaction): Promise<void>;
}
type WithPageSide = { testLibraryDb: PageSide };

/** Runs in the page (as an init script and at once): defines the page side once for every call. */
function installPageSide(name: string) {
  const result = <T,>(request: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const pageSide: PageSide = {
    async withDb(use) {
      const db = await result(indexedDB.open(name));
      try {
        return await use(db);
      } finally {
        db.close();
      }
    },
    result,
    done: (tx) =>
      new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  };
  (window as unknown as WithPageSide).testLibraryDb = pageSide;
}

const installing = new WeakMap<Page, Promise<void>>();

/** The page with its page side in place, in this document and in every one it loads later. */
async function withPageSide(page: Page): Promise<Page> {
  let install = installing.get(page);
  if (!install) {
    install = page.addInitScript(installPageSide, DB_NAME).then(() => page.evaluate(installPageSide, DB_NAME));
    installing.set(page, install);
  }
  await install;
  return page;
}

/** Every row of the named tables, each sorted by its primary key. */
export async function dumpTables(page: Page, tables: readonly string[]): Promise<Record<string, unknown[]>> {
  return (await withPageSide(page)).evaluate(
    (tables) => {
      const { testLibraryDb: idb } = window as unknown as WithPageSide;
      return idb.withDb(async (db) => {
        const dump: Record<string, unknown[]> = {};
        for (const table of tables) dump[table] = await idb.result(db.transaction(table).objectStore(table).getAll());
        return dump;
      });
    },
    tables,
  );
}

export async function countRows(page: Page, table: string): Promise<number> {
  return (await dumpTables(page, [table]))[table]!.length;
}

/** Puts rows into one table (as the app would have written them). */
export async function putRows(page: Page, table: string, rows: unknown[]): Promise<void> {
  await (await withPageSide(page)).evaluate(
    ({ table, rows }) => {
      const { testLibraryDb: idb } = window as unknown as WithPageSide;
      return idb.withDb((db) => {
        const tx = db.transaction(table, 'readwrite');
        for (const row of rows) tx.objectStore(table).put(row);
        return idb.done(tx);
      });
    },
    { table, rows },
  );
}

/**
 * Keeps a read-write transaction open on one table until the returned function is called, so the
 * app's reads of that table wait: what a slow disk does to a thread that is still opening.
 */
export async function holdTable(page: Page, table: string): Promise<() => Promise<void>> {
  await (await withPageSide(page)).evaluate(
    (table) =>
      new Promise<void>((opened) => {
        const { testLibraryDb: idb } = window as unknown as WithPageSide;
        void idb.withDb(
          (db) =>
            new Promise<void>((release) => {
              const store = db.transaction(table, 'readwrite').objectStore(table);
              let released = false;
              // A transaction stays open only while it has requests in flight.
              const keepAlive = () => {
                if (!released) store.count().onsuccess = keepAlive;
              };
              keepAlive();
              (window as unknown as { releaseHeldTable?: () => void }).releaseHeldTable = () => {
                released = true;
                release();
              };
              opened();
            }),
        );
      }),
    table,
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
export async function putPictures(page: Page, pictures: StoredPicture[], at = '2026-12-06T08:00:00.000Z'): Promise<void> {
  await (await withPageSide(page)).evaluate(
    ({ pictures, at }) => {
      const { testLibraryDb: idb } = window as unknown as WithPageSide;
      return idb.withDb((db) => {
        const tx = db.transaction(['images', 'imageUses'], 'readwrite');
        for (const picture of pictures) {
          const bytes = Uint8Array.from(atob(picture.base64), (char) => char.charCodeAt(0));
          const { uses, base64: _, ...row } = picture;
          tx.objectStore('images').put({ ...row, bytes: new Blob([bytes], { type: picture.mime }), byteLength: bytes.length, storedAt: at });
          for (const use of uses) tx.objectStore('imageUses').put({ ...use, forumId: picture.forumIds[0], hash: picture.hash, at });
        }
        return idb.done(tx);
      });
    },
    { pictures, at },
  );
}

/** Each stored picture's row without its bytes, the SHA-256 of its bytes and its decoded width (0 if it does not decode). */
export async function storedPictures(page: Page): Promise<{ row: Record<string, unknown>; sha256: string; decodedWidth: number }[]> {
  return (await withPageSide(page)).evaluate(() => {
    const { testLibraryDb: idb } = window as unknown as WithPageSide;
    return idb.withDb(async (db) => {
      const rows = await idb.result<{ bytes: Blob }[]>(db.transaction('images').objectStore('images').getAll());
      return Promise.all(
        rows.map(async ({ bytes, ...row }) => {
          const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await bytes.arrayBuffer()));
          const decodedWidth = await createImageBitmap(bytes).then((bitmap) => bitmap.width, () => 0);
          return { row, sha256: Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join(''), decodedWidth };
        }),
      );
    });
  });
}
