// "Send" and "Send later" in the composer: the draft goes to the outbox, and "Send" starts a
// pass at once. Answers with what the person should be told.
import type { ReaderDb } from '../../db/reader-db';
import { getSetting, workOfflineSetting } from '../../db/settings';
import { queueDraft } from './outbox-db';
import { outboxScheduler } from './outbox-scheduler';

export async function queueReplyFromDraft(db: ReaderDb, draftId: string, options: { later: boolean }): Promise<{ message: string; itemId: string; sending: boolean }> {
  const itemId = await queueDraft(db, draftId, { sendLater: options.later });
  if (options.later) return { itemId, sending: false, message: 'Your reply is in the Outbox. It will be sent the next time the reader syncs.' };
  if ((await getSetting(db, workOfflineSetting)) || !navigator.onLine) {
    return { itemId, sending: false, message: 'You are working offline: your reply waits in the Outbox and is sent when you go online.' };
  }
  outboxScheduler()?.kick();
  return { itemId, sending: true, message: 'Sending your reply…' };
}
