import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { ReaderDb } from '../../renderer/db/reader-db';

/** A new, empty database of the renderer's schema, in memory. */
export function freshDb(): ReaderDb {
  return new ReaderDb('forum-reader-test', { indexedDB: new IDBFactory(), IDBKeyRange });
}
