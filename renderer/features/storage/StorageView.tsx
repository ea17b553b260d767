import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useBackends } from '../../db/db-context';
import { DEFAULT_IMAGE_CAP_MB, imageCapSetting, useSetting } from '../../db/settings';
import { useReader } from '../../state/reader-store';
import { useSyncStore } from '../../state/sync-store';
import { useView } from '../../state/view-store';
import { removeForum } from './remove-forum';
import { StorageWarning } from './StorageWarning';
import { formatBytes } from '../../ui/format-bytes';
import { usageOfEveryForum, type ForumUsage } from './storage-usage';
import { useBrowserQuota } from './use-browser-quota';
import './storage.css';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * The Storage view: what each forum takes, the room the browser gives the reader, "Remove forum".
 * `children` is what the composition root puts below (the library backup).
 */
export function StorageView({ children }: { children?: ReactNode }) {
  const { db } = useBackends();
  const usage = useLiveQuery(() => usageOfEveryForum(db), [db]);
  const quota = useBrowserQuota(usage);
  const [removing, setRemoving] = useState<ForumUsage | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const runs = useSyncStore((s) => s.runs);
  const syncingForums = new Set(Object.values(runs).map((run) => run.forumId));

  return (
    <div className="tool-view storage-view">
      <h1>Storage</h1>

      <section className="storage-section" aria-labelledby="storage-space">
        <h2 id="storage-space">Space</h2>
        {quota ? (
          <>
            <p>
              The reader uses <strong>{formatBytes(quota.usage)}</strong> of the {formatBytes(quota.quota)} this browser allows it.
            </p>
            <meter className="storage-meter" aria-label="Storage used" min={0} max={quota.quota} value={quota.usage} low={quota.quota * 0.8} high={quota.quota * 0.95} optimum={0} />
            <StorageWarning quota={quota} />
          </>
        ) : (
          <p className="storage-help">This browser does not say how much room it gives the reader.</p>
        )}
      </section>

      <section className="storage-section" aria-labelledby="storage-forums">
        <h2 id="storage-forums">Forums</h2>
        {usage?.length === 0 && <p className="storage-help">No forums are stored.</p>}
        {usage && usage.length > 0 && (
          <table className="storage-table">
            <thead>
              <tr>
                <th scope="col">Forum</th>
                <th scope="col">Threads</th>
                <th scope="col">Posts</th>
                <th scope="col">Bookmarks</th>
                <th scope="col">Size (about)</th>
                <th scope="col">Pictures</th>
                <th scope="col">Picture limit</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {usage.map((forum) => (
                <tr key={forum.forumId}>
                  <th scope="row">{forum.name}</th>
                  <td>{forum.threads.toLocaleString('en')}</td>
                  <td>{forum.posts.toLocaleString('en')}</td>
                  <td>{(forum.bookmarks + forum.highlights).toLocaleString('en')}</td>
                  <td>{formatBytes(forum.bytes)}</td>
                  <td>
                    {forum.images.toLocaleString('en')} · {formatBytes(forum.imageBytes)}
                  </td>
                  <td>
                    <ImageCap forumId={forum.forumId} />
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Remove forum ${forum.name}`}
                      disabled={syncingForums.has(forum.forumId)}
                      title={syncingForums.has(forum.forumId) ? 'Wait for its sync to finish' : undefined}
                      onClick={() => {
                        setNote(null);
                        setRemoving(forum);
                      }}
                    >
                      Remove forum
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {usage && usage.length > 0 && (
          <>
            <p className="storage-help">
              Pictures kept for reading offline count towards every forum whose posts show them. Past a forum’s picture limit (
              {DEFAULT_IMAGE_CAP_MB} MB unless you change it in Settings, under Privacy, beside “Keep images offline”), the pictures of the
              threads read longest ago are removed first and their posts show each picture’s description instead; a bookmarked or
              highlighted post keeps its pictures.
            </p>
            <p>
              <button type="button" onClick={() => useView.getState().show('settings')}>
                Open Settings
              </button>
            </p>
          </>
        )}
        {note && (
          <p className="storage-note" aria-live="polite">
            {note}
          </p>
        )}
      </section>

      {children}

      {removing && (
        <RemoveForumDialog
          forum={removing}
          onClose={() => setRemoving(null)}
          onRemove={async (keepBookmarks) => {
            const removed = await removeForum(db, removing.forumId, { keepBookmarks });
            const reader = useReader.getState();
            if (reader.selectedBoardId?.startsWith(`${removing.forumId}/`)) useReader.setState({ selectedBoardId: null, selectedThreadId: null });
            setRemoving(null);
            setNote(
              `Removed ${removing.name}: ${plural(removed.threads, 'thread', 'threads')} and ${plural(removed.posts, 'post', 'posts')}` +
                (removed.imageBytes > 0 ? `, and ${formatBytes(removed.imageBytes)} of pictures.` : '.') +
                (removed.keptBookmarks > 0 ? ` Its ${plural(removed.keptBookmarks, 'bookmark is', 'bookmarks are')} kept.` : ''),
            );
          }}
        />
      )}
    </div>
  );
}

/** The forum's picture limit; it is set in Settings, beside "Keep images offline". */
function ImageCap({ forumId }: { forumId: string }) {
  const { db } = useBackends();
  const cap = useSetting(db, imageCapSetting(forumId), null);
  return cap === null ? null : <>{cap.toLocaleString('en')} MB</>;
}

function RemoveForumDialog({ forum, onClose, onRemove }: { forum: ForumUsage; onClose(): void; onRemove(keepBookmarks: boolean): Promise<void> }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [keepBookmarks, setKeepBookmarks] = useState(true);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const saved = forum.bookmarks + forum.highlights;
  const unsent = forum.drafts + forum.queuedReplies;

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="storage-dialog" aria-labelledby="remove-forum-title" onClose={onClose} onCancel={onClose}>
      <h2 id="remove-forum-title">Remove forum</h2>
      <p>
        Remove <strong>{forum.name}</strong> from this computer? Its {plural(forum.threads, 'thread', 'threads')} and{' '}
        {plural(forum.posts, 'post', 'posts')} (about {formatBytes(forum.bytes)})
        {forum.images > 0 && <> and {plural(forum.images, 'picture', 'pictures')} ({formatBytes(forum.imageBytes)}; a picture another forum shows stays)</>} are deleted here; the forum itself is not touched, and you can add it
        again and sync.
      </p>
      {unsent > 0 && (
        <p>
          Its {[forum.drafts > 0 && plural(forum.drafts, 'draft', 'drafts'), forum.queuedReplies > 0 && plural(forum.queuedReplies, 'reply waiting to be sent', 'replies waiting to be sent')].filter(Boolean).join(' and ')}{' '}
          are deleted too.
        </p>
      )}
      {saved > 0 && (
        <label className="storage-keep">
          <input type="checkbox" checked={keepBookmarks} onChange={(event) => setKeepBookmarks(event.target.checked)} />
          Keep my {plural(saved, 'bookmark', 'bookmarks and highlights')} of this forum
        </label>
      )}
      {failure && <p role="alert">{failure}</p>}
      <div className="storage-dialog-buttons">
        <button type="button" onClick={() => dialog.current?.close()} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            onRemove(saved > 0 && keepBookmarks).catch((error: unknown) => {
              setBusy(false);
              setFailure(`The forum could not be removed (${error instanceof Error ? error.message : String(error)}); nothing was deleted.`);
            });
          }}
        >
          Remove forum
        </button>
      </div>
    </dialog>
  );
}
