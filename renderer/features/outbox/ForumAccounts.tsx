// "Accounts": who replies are posted as, per forum. Keys go to main and never come back; this
// shows only the username and the kind of key.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ForumAccount } from '../../../shared/replies';
import { useBackends } from '../../db/db-context';
import { forumsInOrder } from '../../db/queries';
import type { ForumRow } from '../../db/reader-db';
import { NewsIdentityFields, NewsLoginFields, NO_NEWS_ACCOUNT, type NewsAccountValues } from '../../ui/NewsAccountFields';
import { checkIdentity, newsAccountRequest, type IdentityProblems } from '../../ui/news-identity';

const KIND_WORDS: Record<ForumAccount['kind'], string> = { 'api-key': 'API key', 'user-api-key': 'User API Key', news: 'News server login' };

export function ForumAccounts() {
  const { db } = useBackends();
  const forums = useLiveQuery(() => forumsInOrder(db), [db]);
  return (
    <section className="forum-accounts" id="forum-accounts" aria-labelledby="forum-accounts-title">
      <h2 id="forum-accounts-title">Accounts</h2>
      <p className="accounts-intro">Replies are posted with these. Keys stay with the reader’s main process, sealed; this page never sees them again.</p>
      <ul>
        {forums?.map((forum) => (
          <li key={forum.id}>
            <ForumAccountRow forum={forum} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ForumAccountRow({ forum }: { forum: ForumRow }) {
  const { api } = useBackends();
  const [account, setAccount] = useState<ForumAccount | null | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.getForumAccount({ forumId: forum.id }).then((result) => live && setAccount(result.ok ? result.value : null));
    return () => {
      live = false;
    };
  }, [api, forum.id]);

  const done = (saved: ForumAccount | null) => {
    setEditing(false);
    if (saved) {
      setAccount(saved);
      setMessage(`Saved: replies to ${forum.name} are posted as ${postingAs(saved)}.`);
    }
  };

  const remove = async () => {
    const result = await api.removeForumAccount({ forumId: forum.id });
    if (result.ok) setAccount(null);
    setMessage(result.ok ? 'Account removed. Replies to this forum wait until one is set up.' : result.error.message);
  };

  return (
    <article className="account-row" aria-label={`Account for ${forum.name}`}>
      <h3>{forum.name}</h3>
      <p className="account-status">
        {account === undefined
          ? 'Asking…'
          : account
            ? `Posting as ${postingAs(account)} (${KIND_WORDS[account.kind]}${account.verified ? '' : ', not yet checked with the forum'})${forum.isSample ? ', set up by itself' : ''}.`
            : 'No posting account: replies to this forum wait in the Outbox until one is set up.'}
      </p>
      {message && <p className="account-message">{message}</p>}
      {editing ? (
        forum.protocol === 'nntp' ? (
          <NewsAccountForm forum={forum} account={account ?? null} onDone={done} />
        ) : (
          <AccountForm forum={forum} onDone={done} />
        )
      ) : (
        <div className="account-actions">
          <button type="button" onClick={() => setEditing(true)}>
            {account ? 'Change account' : 'Set up account'}
          </button>
          {account && !forum.isSample && (
            <button type="button" onClick={() => void remove()}>
              Remove account
            </button>
          )}
        </div>
      )}
    </article>
  );
}

/** Who replies go out as: a news account's "Name <email>", else the forum user. */
function postingAs(account: ForumAccount): string {
  if (account.identity) return `${account.identity.displayName} <${account.identity.email}>`;
  return account.username || 'the key’s own user';
}

/** A news server's account: the name and email replies are from, and a login if the server asks for one. */
function NewsAccountForm({ forum, account, onDone }: { forum: ForumRow; account: ForumAccount | null; onDone(saved: ForumAccount | null): void }) {
  const { api } = useBackends();
  const [values, setValues] = useState<NewsAccountValues>({
    ...NO_NEWS_ACCOUNT,
    ...(account?.identity && { displayName: account.identity.displayName, email: account.identity.email }),
    // A saved login's user name (without one the account is named by its email address).
    ...(account?.identity && account.username !== account.identity.email && { username: account.username }),
  });
  const [problems, setProblems] = useState<IdentityProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkIdentity(values.displayName, values.email, true);
    setProblems(checked.ok ? {} : checked.problems);
    if (!checked.ok || !checked.identity) return;
    setBusy(true);
    const result = await api.setNewsAccount(newsAccountRequest({ forumId: forum.id, baseUrl: forum.baseUrl }, checked.identity, values));
    setBusy(false);
    if (result.ok) onDone(result.value);
    else setError(`${result.error.message} Nothing was changed; check what you typed and save again.`);
  };

  return (
    <form className="account-form" onSubmit={(event) => void save(event)} noValidate>
      <NewsIdentityFields
        values={values}
        onChange={setValues}
        problems={problems}
        onProblemsChange={setProblems}
        note="Replies you send are from “Display name <Email address>”, which everyone reading the group sees."
      />
      <NewsLoginFields values={values} onChange={setValues} note="Only if the server asks for one. Leave the password empty to keep the saved one; saving without a user name removes a saved login." />
      {error && (
        <p className="account-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Save account
      </button>
      <button type="button" onClick={() => onDone(null)}>
        Cancel
      </button>
    </form>
  );
}

function AccountForm({ forum, onDone }: { forum: ForumRow; onDone(saved: ForumAccount | null): void }) {
  const { api } = useBackends();
  const [kind, setKind] = useState<ForumAccount['kind']>('api-key');
  const [username, setUsername] = useState('');
  const [key, setKey] = useState('');
  const [payload, setPayload] = useState('');
  const [asked, setAsked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const saveKey = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await api.setForumAccount({ forumId: forum.id, baseUrl: forum.baseUrl, kind, username, key });
    setBusy(false);
    if (result.ok) onDone(result.value);
    else setError(result.error.message);
  };

  const askForKey = async () => {
    setError(null);
    const result = await api.beginUserApiKey({ forumId: forum.id, baseUrl: forum.baseUrl });
    if (!result.ok) return setError(result.error.message);
    const opened = await api.openExternal({ url: result.value.url });
    if (!opened.ok || !opened.value.opened) window.open(result.value.url, '_blank', 'noopener,noreferrer');
    setAsked(true);
  };

  const usePayload = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await api.completeUserApiKey({ forumId: forum.id, payload, username });
    setBusy(false);
    if (result.ok) onDone(result.value);
    else setError(result.error.message);
  };

  return (
    <div className="account-form">
      <fieldset>
        <legend>Kind of key</legend>
        <label>
          <input type="radio" name={`${id}-kind`} checked={kind === 'api-key'} onChange={() => setKind('api-key')} /> API key from the forum’s admin, with a username
        </label>
        <label>
          <input type="radio" name={`${id}-kind`} checked={kind === 'user-api-key'} onChange={() => setKind('user-api-key')} /> User API Key, approved by you on the forum
        </label>
      </fieldset>
      <label className="account-field">
        Username
        <input type="text" value={username} autoComplete="username" onChange={(event) => setUsername(event.target.value)} placeholder="asked of the forum when left empty" />
      </label>
      {kind === 'api-key' ? (
        <form onSubmit={(event) => void saveKey(event)}>
          <label className="account-field">
            API key
            <input type="password" value={key} autoComplete="off" onChange={(event) => setKey(event.target.value)} />
          </label>
          <button type="submit" disabled={busy || key.trim() === ''}>
            Save account
          </button>
        </form>
      ) : (
        <form onSubmit={(event) => void usePayload(event)}>
          <p>
            The forum shows a page to approve “Forum Reader” (reading and posting). After you approve, it shows a block of text: paste it here.
          </p>
          <button type="button" onClick={() => void askForKey()}>
            Ask the forum for a key
          </button>
          {asked && (
            <>
              <label className="account-field">
                Text from the forum
                <textarea value={payload} rows={4} onChange={(event) => setPayload(event.target.value)} />
              </label>
              <button type="submit" disabled={busy || payload.trim() === ''}>
                Use this key
              </button>
            </>
          )}
        </form>
      )}
      {error && (
        <p className="account-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" onClick={() => onDone(null)}>
        Cancel
      </button>
    </div>
  );
}
