// What the reply feature needs from the rest of the program, handed in by the composition root
// (App, views.tsx) so that this feature does not reach into others' files.
import type { ReaderDb } from '../../db/reader-db';

export interface PostPlace {
  threadId: string;
  postNumber: number;
}

export interface ReplyWiring {
  /** Shows a post in the reader (features/reader go-to-post). */
  openPost(db: ReaderDb, place: PostPlace): Promise<boolean>;
  /** Hands a draft to the outbox, sending now unless `later`; answers with words for the person and the outbox item's id. */
  queueReply(draftId: string, options: { later: boolean }): Promise<{ message: string; itemId: string; sending: boolean }>;
}
