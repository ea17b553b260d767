// Every way a reply can fail, against the real sample forum over HTTP, driven the way the reader
// drives it: drafts and the outbox in Dexie (fake-indexeddb), attempts through the web host.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReaderDb } from '../../renderer/db/reader-db';
import { recoverInterruptedSends, returnToDraft, sendAgain, markSending } from '../../renderer/features/outbox/outbox-db';
import { saveDraftText } from '../../renderer/features/drafts/drafts-db';
import { queueDraft } from '../../renderer/features/outbox/outbox-db';
import { OutboxScheduler } from '../../renderer/features/outbox/outbox-scheduler';
import { freshDb } from '../support/fresh-db';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';
import { SAMPLE_FORUM_ID } from '../../shared/model';
import { outboxItem, passNow, postsOnServerWithText, queueReply, replyPosts, SAMPLE_THREAD_ID, SAMPLE_TOPIC_ID, storeSampleThread } from '../support/reply-fixture';

const TEXT = 'The Lermontov party scene, where every glance says more than the dialogue.';

describe('sending a reply to the sample forum', () => {
  let backend: ReaderBackend;
  let db: ReaderDb;
  beforeEach(async () => {
    backend = await startReaderBackend();
    db = freshDb();
    await storeSampleThread(db, backend);
  });
  afterEach(async () => {
    db.close();
    await backend.close();
  });

  it('posts once, shows the reply in its thread at once, and a later sync does not show it twice', async () => {
    const id = await queueReply(db, TEXT, { replyTo: { postNumber: 2, username: 'moira_fan' } });
    const pass = await passNow(db, backend);
    expect(pass.outcomes.sent).toBe(1);

    const item = await outboxItem(db, id);
    expect(item.state).toBe('sent');
    const [onServer] = postsOnServerWithText(backend, TEXT);
    expect(onServer?.id).toBe(item.remotePostId);
    expect(onServer?.replyToPostNumber).toBe(2);
    // The draft is gone only now that the server has the post; the local copy is in the thread.
    expect(await db.drafts.get(item.draftId)).toBeUndefined();
    const local = await db.posts.where('threadId').equals(SAMPLE_THREAD_ID).filter((post) => post.remoteId === onServer?.id).toArray();
    expect(local).toHaveLength(1);
    expect((await db.threads.get(SAMPLE_THREAD_ID))?.storedPostCount).toBe(19);

    await storeSampleThread(db, backend);
    const after = await db.posts.where('threadId').equals(SAMPLE_THREAD_ID).toArray();
    expect(after).toHaveLength(19);
    expect(after.filter((post) => post.remoteId === onServer?.id)).toHaveLength(1);
    expect((await db.threads.get(SAMPLE_THREAD_ID))?.storedPostCount).toBe(19);
  });

  it('a reply marked Send later waits for the next sync: a pass started by anything else (another reply sent, a page load, the network back, a retry timer) leaves it', async () => {
    const later = await queueReply(db, 'Kept for the next sync.', { sendLater: true });
    const now = await queueReply(db, TEXT);
    const scheduler = new OutboxScheduler(db, backend.api);
    try {
      scheduler.kick();
      await scheduler.idle();
      expect((await outboxItem(db, now)).state).toBe('sent');
      expect(await outboxItem(db, later)).toMatchObject({ state: 'queued', attempts: 0 });
      expect(postsOnServerWithText(backend, 'Kept for the next sync.')).toHaveLength(0);

      scheduler.kick({ syncedForumIds: ['elsewhere.test'] });
      await scheduler.idle();
      expect(await outboxItem(db, later)).toMatchObject({ state: 'queued', attempts: 0 });

      scheduler.kick({ syncedForumIds: [SAMPLE_FORUM_ID] });
      await scheduler.idle();
      expect(await outboxItem(db, later)).toMatchObject({ state: 'sent', sendLater: false });
      expect(postsOnServerWithText(backend, 'Kept for the next sync.')).toHaveLength(1);
    } finally {
      scheduler.stop();
    }
  });

  it('a cut network leaves the reply waiting to retry, and it is sent once when the network is back', async () => {
    backend.forum.faults.dropRate = 1;
    const id = await queueReply(db, TEXT);
    const pass = await passNow(db, backend);
    expect(pass.outcomes.retry).toBe(1);
    let item = await outboxItem(db, id);
    expect(item.state).toBe('waiting-to-retry');
    expect(item.maybeSent).toBe(true);
    expect(Date.parse(item.nextAttemptAt!)).toBeGreaterThan(Date.parse(item.lastAttemptAt!));
    expect(item.lastError).toMatch(/Could not reach|did not answer/);
    expect(await db.drafts.get(item.draftId)).toBeDefined();

    backend.forum.faults.dropRate = 0;
    await passNow(db, backend);
    item = await outboxItem(db, id);
    expect(item.state).toBe('sent');
    expect(postsOnServerWithText(backend, TEXT)).toHaveLength(1);
  });

  it('a reply whose response is lost is found in the thread and not posted again', async () => {
    backend.forum.faults.loseReplyResponseRate = 1;
    const id = await queueReply(db, TEXT);
    await passNow(db, backend);
    expect((await outboxItem(db, id)).state).toBe('waiting-to-retry');
    expect(postsOnServerWithText(backend, TEXT)).toHaveLength(1);

    backend.forum.faults.loseReplyResponseRate = 0;
    const posts = replyPosts(backend).length;
    await passNow(db, backend);
    const item = await outboxItem(db, id);
    expect(item.state).toBe('sent');
    expect(replyPosts(backend)).toHaveLength(posts);
    expect(postsOnServerWithText(backend, TEXT)).toHaveLength(1);
    expect(item.remotePostId).toBe(postsOnServerWithText(backend, TEXT)[0]?.id);
  });

  it('a 5xx is retried after looking in the thread, and posts once', async () => {
    backend.forum.faults.serverErrorRate = 1;
    const id = await queueReply(db, TEXT);
    await passNow(db, backend);
    const waiting = await outboxItem(db, id);
    expect(waiting.state).toBe('waiting-to-retry');
    expect(waiting.lastError).toMatch(/had a problem \(50[023]/);
    expect(waiting.maybeSent).toBe(true);

    backend.forum.faults.serverErrorRate = 0;
    await passNow(db, backend);
    expect((await outboxItem(db, id)).state).toBe('sent');
    expect(postsOnServerWithText(backend, TEXT)).toHaveLength(1);
  });

  it('a 429 waits as long as the forum asks, from Retry-After or extras.wait_seconds', async () => {
    backend.forum.faults.rateLimitRate = 1;
    backend.forum.faults.retryAfterSeconds = 7;
    const ids = [await queueReply(db, `${TEXT} One.`), await queueReply(db, `${TEXT} Two.`), await queueReply(db, `${TEXT} Three.`), await queueReply(db, `${TEXT} Four.`)];
    for (const seed of [1, 2, 3, 4]) {
      backend.forum.faults.seed = seed;
      await passNow(db, backend);
    }
    for (const id of ids) {
      const item = await outboxItem(db, id);
      expect(item.state).toBe('waiting-to-retry');
      expect(item.maybeSent).toBe(false);
      expect(Date.parse(item.nextAttemptAt!) - Date.parse(item.lastAttemptAt!)).toBeGreaterThanOrEqual(7_000);
      expect(Date.parse(item.nextAttemptAt!) - Date.parse(item.lastAttemptAt!)).toBeLessThan(8_000);
    }
    backend.forum.faults.rateLimitRate = 0;
    await passNow(db, backend);
    for (const id of ids) expect((await outboxItem(db, id)).state).toBe('sent');
  });

  it('a 429 asking for hours needs attention, with the forum’s words', async () => {
    backend.forum.faults.rateLimitRate = 1;
    backend.forum.faults.retryAfterSeconds = 7200;
    backend.forum.faults.seed = 3;
    const id = await queueReply(db, TEXT);
    await passNow(db, backend);
    const item = await outboxItem(db, id);
    expect(item.state).toBe('needs-attention');
    expect(item.refusal).toBe('rate_limited');
    expect(item.lastError).toMatch(/2 hours|120 minutes|Slow down|too many/i);
  });

  it('a reply too short for the forum needs attention with its reason, keeps its text, and can be edited and sent', async () => {
    const id = await queueReply(db, 'Too short.');
    await passNow(db, backend);
    const item = await outboxItem(db, id);
    expect(item.state).toBe('needs-attention');
    expect(item.lastError).toBe('Body is too short (minimum is 20 characters)');
    expect((await db.drafts.get(item.draftId))?.text).toBe('Too short.');

    const draftId = await returnToDraft(db, id);
    expect(draftId).toBe(item.draftId);
    expect(await db.outbox.get(id)).toBeUndefined();
    await saveDraftText(db, draftId!, 'Too short, so here is a longer reply about the ballet.');
    const again = await queueDraft(db, draftId!, { sendLater: false });
    await passNow(db, backend);
    expect((await outboxItem(db, again)).state).toBe('sent');
    expect(postsOnServerWithText(backend, 'Too short, so here is a longer reply about the ballet.')).toHaveLength(1);
  });

  it('a closed thread refuses the reply; once reopened it is sent on "Send"', async () => {
    backend.forum.store.updateTopic(SAMPLE_TOPIC_ID, { closed: true });
    const id = await queueReply(db, TEXT);
    await passNow(db, backend);
    const item = await outboxItem(db, id);
    expect(item.state).toBe('needs-attention');
    expect(item.lastError).toBe('This topic is closed; it no longer accepts new replies.');

    backend.forum.store.updateTopic(SAMPLE_TOPIC_ID, { closed: false });
    // Discourse remembers an API key's POST result for 120 s; the forum's clock moves past that.
    const realNow = backend.forum.store.now;
    backend.forum.store.now = () => new Date(realNow().getTime() + 121_000);
    await sendAgain(db, id);
    await passNow(db, backend);
    expect((await outboxItem(db, id)).state).toBe('sent');
    expect(postsOnServerWithText(backend, TEXT)).toHaveLength(1);
  });

  it('a deleted thread needs attention as not found', async () => {
    const first = backend.forum.store.liveTopic(SAMPLE_TOPIC_ID)!.posts[0]!;
    backend.forum.store.deletePost(first.id);
    const id = await queueReply(db, TEXT);
    await passNow(db, backend);
    const item = await outboxItem(db, id);
    expect(item.state).toBe('needs-attention');
    expect(item.refusal).toBe('not_found');
  });

  it('a refused key (403) needs attention with the forum’s words, and is not retried on its own', async () => {
    backend.forum.apiKey.key = 'revoked-on-the-forum';
    const id = await queueReply(db, TEXT);
    await passNow(db, backend);
    const item = await outboxItem(db, id);
    expect(item.state).toBe('needs-attention');
    expect(item.refusal).toBe('forbidden');
    expect(item.lastError).toContain('The API username or key is invalid.');
    const posts = replyPosts(backend).length;
    await passNow(db, backend);
    expect(replyPosts(backend)).toHaveLength(posts);
  });

  it('with no account for the forum the reply needs attention and says where to add one', async () => {
    await backend.api.removeForumAccount({ forumId: 'sample' });
    const id = await queueReply(db, TEXT);
    await passNow(db, backend);
    const item = await outboxItem(db, id);
    expect(item).toMatchObject({ state: 'needs-attention', refusal: 'no_account' });
    expect(replyPosts(backend)).toHaveLength(0);
  });

  it('a thread that needs approval answers "enqueued": awaiting approval, never sent again', async () => {
    backend.forum.store.updateTopic(SAMPLE_TOPIC_ID, { requiresApproval: true });
    const id = await queueReply(db, TEXT);
    await passNow(db, backend);
    const item = await outboxItem(db, id);
    expect(item.state).toBe('awaiting-approval');
    expect(item.text).toBe(TEXT);
    expect(backend.forum.store.pendingPosts.map((pending) => pending.raw)).toEqual([TEXT]);
    expect(await db.drafts.get(item.draftId)).toBeUndefined();
    await passNow(db, backend);
    await passNow(db, backend);
    expect(replyPosts(backend)).toHaveLength(1);
  });

  it('"Work offline" keeps replies queued without trying the forum', async () => {
    await db.settings.put({ key: 'workOffline', value: true });
    const id = await queueReply(db, TEXT);
    const pass = await passNow(db, backend);
    expect(pass.skippedOffline).toBe(true);
    expect((await outboxItem(db, id)).state).toBe('queued');
    expect(replyPosts(backend)).toHaveLength(0);
    await db.settings.put({ key: 'workOffline', value: false });
    await passNow(db, backend);
    expect((await outboxItem(db, id)).state).toBe('sent');
  });

  it('a page that died while sending looks in the thread first, and finds the reply its attempt posted', async () => {
    const id = await queueReply(db, TEXT);
    const claimed = await markSending(db, id, new Date());
    // The attempt reaches main and the forum, and the page dies before it hears back.
    const thread = await db.threads.get(SAMPLE_THREAD_ID);
    await backend.api.sendReply({ clientId: `other-${id}`.slice(0, 60), forumId: 'sample', topicId: thread!.remoteId, replyToPostNumber: null, raw: TEXT, firstAttemptAt: claimed!.firstAttemptAt!, maybeSent: false, afterPostNumber: 0, claimedPostIds: [] });
    expect(postsOnServerWithText(backend, TEXT)).toHaveLength(1);

    expect(await recoverInterruptedSends(db)).toBe(1);
    expect((await outboxItem(db, id)).maybeSent).toBe(true);
    const posts = replyPosts(backend).length;
    await passNow(db, backend);
    expect((await outboxItem(db, id)).state).toBe('sent');
    expect(replyPosts(backend)).toHaveLength(posts);
    expect(postsOnServerWithText(backend, TEXT)).toHaveLength(1);
  });

  it('the same client id sent twice at once, or again after it was sent, posts once', async () => {
    const request = { clientId: 'same-client-id-1', forumId: 'sample', topicId: SAMPLE_TOPIC_ID, replyToPostNumber: null, raw: TEXT, firstAttemptAt: new Date().toISOString(), maybeSent: false, afterPostNumber: 18, claimedPostIds: [] };
    const [a, b] = await Promise.all([backend.api.sendReply(request), backend.api.sendReply(request)]);
    const again = await backend.api.sendReply(request);
    for (const result of [a, b, again]) expect(result.ok && result.value.kind).toBe('sent');
    expect(postsOnServerWithText(backend, TEXT)).toHaveLength(1);
    expect(replyPosts(backend)).toHaveLength(1);
  });
});
