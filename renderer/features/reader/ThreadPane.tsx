import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useBackends } from '../../db/db-context';
import { postsOfThread, threadById } from '../../db/queries';
import { useReader } from '../../state/reader-store';
import { PostView } from './PostView';

export function ThreadPane() {
  const { db } = useBackends();
  const threadId = useReader((s) => s.selectedThreadId);
  const thread = useLiveQuery(() => (threadId ? threadById(db, threadId) : undefined), [db, threadId]);
  const posts = useLiveQuery(() => (threadId ? postsOfThread(db, threadId) : []), [db, threadId]);

  useEffect(() => {
    document.title = thread ? `${thread.title} – Forum Reader` : 'Forum Reader';
  }, [thread]);

  return (
    <section className="pane thread-pane" aria-label="Thread">
      {!threadId && <p className="empty">Choose a thread to read.</p>}
      {thread && (
        <>
          <h1 className="thread-heading">{thread.title}</h1>
          <div className="posts">
            {posts?.map((post) => <PostView key={post.id} post={post} />)}
          </div>
        </>
      )}
    </section>
  );
}
