// How often the reader syncs, how many requests a minute it may make of each forum, how many
// posts one sync may fetch, and a news server's first sync and connections.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import {
  DEFAULT_FIRST_SYNC_ARTICLES,
  DEFAULT_MAX_POSTS_PER_RUN,
  DEFAULT_MAX_POSTS_PER_THREAD,
  DEFAULT_REQUESTS_PER_MINUTE,
  MAX_FIRST_SYNC_ARTICLES,
  MAX_NEWS_CONNECTIONS,
  MAX_REQUESTS_PER_MINUTE,
} from '../../../shared/api';
import { useBackends } from '../../db/db-context';
import { forumsInOrder } from '../../db/queries';
import type { ForumRow } from '../../db/reader-db';
import { MAX_POST_LIMIT, newsSyncSetting, postLimitsSetting, syncIntervalSetting, useSetting } from '../../db/settings';
import { boardWords } from '../../ui/board-words';
import { setNewsSync, setPostLimits, setRequestsPerMinute, setSyncIntervalMinutes } from './sync-settings';

export function SyncSettingsSection() {
  const { db } = useBackends();
  const minutes = useSetting(db, syncIntervalSetting);
  const forums = useLiveQuery(() => forumsInOrder(db), [db]);
  const hasNewsServer = forums?.some((forum) => forum.protocol === 'nntp') ?? false;
  return (
    <fieldset className="sync-settings">
      <legend>Sync</legend>
      <NumberSetting
        key={`interval-${minutes}`}
        label="Sync every (minutes)"
        value={minutes}
        min={1}
        max={24 * 60}
        onSave={(value) => setSyncIntervalMinutes(db, value)}
      />
      <p className="sync-settings-help">The reader also syncs when it starts and when the network comes back.</p>
      {forums
        ?.filter((forum) => !forum.isSample)
        .map((forum) => (
          <div key={forum.id}>
            {forum.protocol === 'nntp' ? (
              <NewsSyncSettings forum={forum} />
            ) : (
              <NumberSetting
                key={`${forum.id}-${budgetOf(forum)}`}
                label={`Requests per minute to ${forum.name}`}
                value={budgetOf(forum)}
                min={1}
                max={MAX_REQUESTS_PER_MINUTE}
                onSave={(value) => setRequestsPerMinute(db, forum.id, value)}
              />
            )}
            <PostLimitSettings forum={forum} />
          </div>
        ))}
      <p className="sync-settings-help">
        Discourse lets a visitor make 200 requests a minute and 50 in 10 seconds; the reader stays under both ({DEFAULT_REQUESTS_PER_MINUTE} a
        minute, at most {DEFAULT_REQUESTS_PER_MINUTE / 6} in 10 seconds, unless you lower it) and waits whenever a forum asks it to. The sample forum runs on this computer and has no limit.
      </p>
      <p className="sync-settings-help">
        A forum can claim a thread of millions of posts. The reader keeps at most {DEFAULT_MAX_POSTS_PER_THREAD.toLocaleString('en')} posts of
        one thread and fetches at most {DEFAULT_MAX_POSTS_PER_RUN.toLocaleString('en')} in one sync unless you change it; Recent runs
        below say what was left out, and the next sync goes on.
      </p>
      {hasNewsServer && (
        <p className="sync-settings-help">
          A news server’s {boardWords('nntp').one} can hold millions of articles: its first sync takes the newest{' '}
          {DEFAULT_FIRST_SYNC_ARTICLES.toLocaleString('en')} (at most {MAX_FIRST_SYNC_ARTICLES.toLocaleString('en')}) and older ones are not fetched; later syncs take
          everything new. Many news servers allow a user only a few connections, so the reader opens one unless you allow more (at most {MAX_NEWS_CONNECTIONS}).
        </p>
      )}
    </fieldset>
  );
}

/** A forum can claim a thread of millions of posts: these keep a sync from paging for days. */
function PostLimitSettings({ forum }: { forum: ForumRow }) {
  const { db } = useBackends();
  const limits = useSetting(db, postLimitsSetting(forum.id), null);
  if (!limits) return null;
  return (
    <>
      {/* A news sync takes every article of a thread it reads: only the run has a ceiling. */}
      {forum.protocol !== 'nntp' && (
        <NumberSetting
          key={`thread-${limits.perThread}`}
          label={`Most posts kept of one thread of ${forum.name}`}
          value={limits.perThread}
          min={1}
          max={MAX_POST_LIMIT}
          onSave={(value) => setPostLimits(db, forum.id, { perThread: value })}
        />
      )}
      <NumberSetting
        key={`run-${limits.perRun}`}
        label={`Most posts fetched from ${forum.name} in one sync`}
        value={limits.perRun}
        min={1}
        max={MAX_POST_LIMIT}
        onSave={(value) => setPostLimits(db, forum.id, { perRun: value })}
      />
    </>
  );
}

/** A news server has no request budget: how much its groups' first syncs take, and connections at once. */
function NewsSyncSettings({ forum }: { forum: ForumRow }) {
  const { db } = useBackends();
  const news = useSetting(db, newsSyncSetting(forum.id), null);
  if (!news) return null;
  return (
    <>
      <NumberSetting
        key={`first-${news.firstSyncArticles}`}
        label={`Articles a ${boardWords(forum.protocol).one}’s first sync takes from ${forum.name}`}
        value={news.firstSyncArticles}
        min={1}
        max={MAX_FIRST_SYNC_ARTICLES}
        onSave={(value) => setNewsSync(db, forum.id, { firstSyncArticles: value })}
      />
      <NumberSetting
        key={`connections-${news.connections}`}
        label={`Connections to ${forum.name} at once`}
        value={news.connections}
        min={1}
        max={MAX_NEWS_CONNECTIONS}
        onSave={(value) => setNewsSync(db, forum.id, { connections: value })}
      />
    </>
  );
}

const budgetOf = (forum: ForumRow) => forum.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE;

function NumberSetting(props: { label: string; value: number; min: number; max: number; onSave: (value: number) => Promise<void> }) {
  const [text, setText] = useState(String(props.value));
  const save = () => {
    const value = Number(text);
    if (Number.isFinite(value) && value >= props.min) void props.onSave(Math.min(props.max, value));
    else setText(String(props.value));
  };
  return (
    <label className="sync-setting">
      <span>{props.label}</span>
      <input
        type="number"
        min={props.min}
        max={props.max}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={save}
        onKeyDown={(event) => event.key === 'Enter' && save()}
      />
    </label>
  );
}
