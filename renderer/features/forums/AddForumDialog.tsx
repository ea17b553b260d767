// "Add forum": a person types a forum's address; the reader checks that it is a Discourse site
// or a news server (nntp://, nntps://, news://), shows its name and categories or groups, and
// keeps offline what the person chooses.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ForumProbe } from '../../../shared/api';
import type { Board } from '../../../shared/model';
import { useBackends } from '../../db/db-context';
import { boardsOfForum, forumById } from '../../db/queries';
import { getSetting, keepImagesSetting } from '../../db/settings';
import { useReader } from '../../state/reader-store';
import { addForum, DEFAULT_THREAD_LIMIT, withToggled, type ForumChoice } from './add-forum';
import { NewsServerChoice } from './NewsServerChoice';
import { probeErrorText, redirectNotice } from './probe-messages';
import { parseThreadAddresses } from './thread-addresses';
import './add-forum.css';

/** Starts a forum's first sync; the sync feature's, handed down by the reader's panes. */
export type StartSync = (forumId: string) => void;

/** The toolbar button of the Forums pane and the dialog it opens. */
export function AddForumButton({ startSync }: { startSync: StartSync }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="add-forum-button" onClick={() => setOpen(true)}>
        Add forum
      </button>
      {open && <AddForumDialog onClose={() => setOpen(false)} startSync={startSync} />}
    </>
  );
}

function AddForumDialog({ onClose, startSync }: { onClose: () => void; startSync: StartSync }) {
  const { db, api } = useBackends();
  const dialog = useRef<HTMLDialogElement>(null);
  const [address, setAddress] = useState('');
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [probe, setProbe] = useState<ForumProbe | null>(null);
  const [alreadyAdded, setAlreadyAdded] = useState(false);
  const [followed, setFollowed] = useState<ReadonlySet<string>>(new Set());
  const [threadLimit, setThreadLimit] = useState(String(DEFAULT_THREAD_LIMIT));
  const [threadsText, setThreadsText] = useState('');
  const [keepImages, setKeepImages] = useState(false);
  const [adding, setAdding] = useState(false);
  const selectBoard = useReader((s) => s.selectBoard);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setChecking(true);
    setError(null);
    setProbe(null);
    const result = await api.probeForum({ address });
    setChecking(false);
    if (!result.ok) {
      setError(probeErrorText(result.error));
      return;
    }
    const existing = await forumById(db, result.value.forumId);
    const boards = existing ? await boardsOfForum(db, existing.id) : [];
    setAlreadyAdded(existing !== undefined);
    setFollowed(new Set(boards.filter((board) => board.followed).map((board) => board.id)));
    setThreadsText((existing?.followedThreadIds ?? []).join('\n'));
    setKeepImages(await getSetting(db, keepImagesSetting(result.value.forumId)));
    setProbe(result.value);
  };

  const threads = parseThreadAddresses(threadsText);
  const limit = Number(threadLimit);
  const limitValid = Number.isInteger(limit) && limit >= 1 && limit <= 10_000;
  const canAdd = probe !== null && !adding && limitValid && threads.unreadable.length === 0 && (followed.size > 0 || threads.topicIds.length > 0);

  const keep = async (kept: ForumProbe, choice: ForumChoice) => {
    await addForum(db, kept, choice);
    const first = kept.boards.find((board) => choice.followedBoardIds.has(board.id));
    if (first) selectBoard(first.id);
    onClose();
    // The first sync starts at once; its progress shows in the toolbar.
    startSync(kept.forumId);
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!probe || !canAdd) return;
    setAdding(true);
    await keep(probe, { followedBoardIds: followed, threadLimit: limit, followedThreadIds: threads.topicIds, keepImages });
  };

  const probeAgain = async (): Promise<ForumProbe | string> => {
    const result = await api.probeForum({ address });
    return result.ok ? result.value : probeErrorText(result.error);
  };

  const toggle = (boardId: string) => setFollowed((current) => withToggled(current, boardId));

  return (
    <dialog ref={dialog} className="add-forum" aria-labelledby="add-forum-title" onClose={onClose}>
      <h2 id="add-forum-title">Add forum</h2>
      <form className="add-forum-address" onSubmit={(event) => void check(event)}>
        <label htmlFor="add-forum-address">Forum address</label>
        <div className="add-forum-row">
          <input
            id="add-forum-address"
            type="text"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder="https://forum.example.org or nntps://news.example.org"
            value={address}
            onChange={(event) => setAddress(event.target.value)}
            autoFocus
          />
          <button type="submit" disabled={checking || address.trim() === ''}>
            {checking ? 'Checking…' : 'Check'}
          </button>
        </div>
      </form>
      {error && (
        <p className="add-forum-error" role="alert">
          {error}
        </p>
      )}
      {probe?.protocol === 'nntp' && (
        <NewsServerChoice
          key={probe.baseUrl}
          probe={probe}
          alreadyAdded={alreadyAdded}
          initiallyFollowed={followed}
          probeAgain={probeAgain}
          onCancel={onClose}
          onAdd={(kept, groups) => keep(kept, { followedBoardIds: groups })}
        />
      )}
      {probe && probe.protocol !== 'nntp' && (
        <form className="add-forum-choice" onSubmit={(event) => void add(event)}>
          <div className="add-forum-site">
            <h3>{probe.title}</h3>
            <p className="add-forum-url">{probe.baseUrl}</p>
            {probe.description && <p className="add-forum-description">{probe.description}</p>}
            {alreadyAdded && <p className="add-forum-note">This forum is already in your list; adding it again changes only what is kept offline.</p>}
          </div>
          {redirectNotice(probe) && (
            <p className="add-forum-warning" role="alert">
              {redirectNotice(probe)}
            </p>
          )}
          {probe.insecure && (
            <p className="add-forum-warning" role="alert">
              This address uses plain http: what you read travels unencrypted, and anyone on the network can see or change it. Use the
              https address if the forum has one.
            </p>
          )}
          <fieldset>
            <legend>Categories to keep offline</legend>
            {probe.boards.length === 0 && <p className="add-forum-note">This forum shows no categories to visitors.</p>}
            <ul className="add-forum-boards">
              {orderedBoards(probe.boards).map(({ board, depth }) => (
                <li key={board.id} style={{ paddingLeft: `${depth * 1.25}rem` }}>
                  <label>
                    <input type="checkbox" checked={followed.has(board.id)} onChange={() => toggle(board.id)} /> {board.name}
                    <span className="add-forum-count"> · {board.threadCount} threads</span>
                  </label>
                </li>
              ))}
            </ul>
            <label className="add-forum-limit">
              Most recently active threads kept per category
              <input type="number" min={1} max={10_000} value={threadLimit} onChange={(event) => setThreadLimit(event.target.value)} />
            </label>
          </fieldset>
          <label className="add-forum-threads">
            Single threads to keep offline (addresses or topic numbers, one a line)
            <textarea rows={3} value={threadsText} onChange={(event) => setThreadsText(event.target.value)} />
          </label>
          <div className="add-forum-images">
            <label>
              <input type="checkbox" checked={keepImages} aria-describedby="add-forum-images-help" onChange={(event) => setKeepImages(event.target.checked)} /> Keep images offline
            </label>
            <p id="add-forum-images-help" className="add-forum-note">
              The pictures of kept posts are stored on this computer and shown from there; the reader never loads them from the forum while you read.
            </p>
          </div>
          {threads.unreadable.length > 0 && (
            <p className="add-forum-error" role="alert">
              These lines name no thread: {threads.unreadable.join(', ')}. A thread’s address looks like {probe.baseUrl}/t/its-title/1234.
            </p>
          )}
          <div className="add-forum-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={!canAdd}>
              Add
            </button>
          </div>
        </form>
      )}
      {!probe && (
        <div className="add-forum-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      )}
    </dialog>
  );
}

/** Parents first, each followed by its subcategories, in the forum's own order. */
function orderedBoards(boards: Board[]): Array<{ board: Board; depth: number }> {
  const byParent = new Map<string | null, Board[]>();
  for (const board of boards) {
    const parent = board.parentId !== null && boards.some((b) => b.id === board.parentId) ? board.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), board]);
  }
  const out: Array<{ board: Board; depth: number }> = [];
  const walk = (parent: string | null, depth: number) => {
    for (const board of (byParent.get(parent) ?? []).sort((a, b) => a.position - b.position)) {
      out.push({ board, depth });
      walk(board.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
