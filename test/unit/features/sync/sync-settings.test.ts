import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MAX_FIRST_SYNC_ARTICLES, MAX_NEWS_CONNECTIONS } from '../../../../shared/api';
import { buildSyncRequest } from '../../../../renderer/db/sync-request';
import { getSetting, newsSyncSetting } from '../../../../renderer/db/settings';
import { setNewsSync } from '../../../../renderer/features/sync/sync-settings';
import { freshDb } from '../../../support/fresh-db';

const NEWS = 'news.example.org:119';

async function newsForum() {
  const db = freshDb();
  await db.forums.put({ id: NEWS, name: 'news.example.org', baseUrl: 'nntp://news.example.org:119', protocol: 'nntp', isSample: false, addedAt: '2026-12-01T00:00:00.000Z', lastSyncedAt: null, lastSyncError: null });
  return db;
}

describe('a news server’s sync settings', () => {
  it('keep the first sync’s articles and the connections within their ranges, whole numbers', async () => {
    const db = await newsForum();
    await setNewsSync(db, NEWS, { firstSyncArticles: 250.4 });
    expect(await getSetting(db, newsSyncSetting(NEWS))).toEqual({ firstSyncArticles: 250, connections: 1 });
    await setNewsSync(db, NEWS, { firstSyncArticles: 10_000_000, connections: 99 });
    expect(await getSetting(db, newsSyncSetting(NEWS))).toEqual({ firstSyncArticles: MAX_FIRST_SYNC_ARTICLES, connections: MAX_NEWS_CONNECTIONS });
    await setNewsSync(db, NEWS, { firstSyncArticles: 0, connections: -3 });
    expect(await getSetting(db, newsSyncSetting(NEWS))).toEqual({ firstSyncArticles: 1, connections: 1 });
  });

  it('are what the next sync request carries', async () => {
    const db = await newsForum();
    expect(await buildSyncRequest(db, NEWS)).toMatchObject({ firstSyncArticles: 1000, newsConnections: 1 });
    await setNewsSync(db, NEWS, { firstSyncArticles: 50, connections: 2 });
    expect(await buildSyncRequest(db, NEWS)).toMatchObject({ firstSyncArticles: 50, newsConnections: 2 });
  });

  it('a value stored out of range (an old or edited library) reads as the default, not as a request main would refuse', async () => {
    const db = await newsForum();
    await db.settings.put({ key: `newsSync:${NEWS}`, value: { firstSyncArticles: 5_000_000, connections: 2 } });
    expect(await buildSyncRequest(db, NEWS)).toMatchObject({ firstSyncArticles: 1000, newsConnections: 1 });
  });
});
