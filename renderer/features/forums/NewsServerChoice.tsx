// The Add forum dialog's second step for a news server: its groups (thousands on a big server,
// narrowed by a filter, only the first matches drawn), the name and email replies go out under,
// and a login where the server asks for one. The password goes to main and is kept there.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ForumProbe } from '../../../shared/api';
import { useBackends } from '../../db/db-context';
import { NewsIdentityFields, NewsLoginFields, NO_NEWS_ACCOUNT, type NewsAccountValues } from '../../ui/NewsAccountFields';
import { checkIdentity, newsAccountRequest, type IdentityProblems } from '../../ui/news-identity';
import { withToggled } from './add-forum';
import { filterGroups, SHOWN_GROUPS } from './group-filter';
import { probeErrorText } from './probe-messages';

export interface NewsServerChoiceProps {
  probe: ForumProbe;
  alreadyAdded: boolean;
  /** Groups kept offline before (the server added again). */
  initiallyFollowed: ReadonlySet<string>;
  /** Asks the server again (after a login, for its groups). */
  probeAgain(): Promise<ForumProbe | string>;
  onCancel(): void;
  onAdd(probe: ForumProbe, followed: ReadonlySet<string>): Promise<void>;
}

const count = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

export function NewsServerChoice({ probe: firstProbe, alreadyAdded, initiallyFollowed, probeAgain, onCancel, onAdd }: NewsServerChoiceProps) {
  const { api } = useBackends();
  const ids = useId();
  const [probe, setProbe] = useState(firstProbe);
  const [followed, setFollowed] = useState<ReadonlySet<string>>(initiallyFollowed);
  const [filter, setFilter] = useState('');
  const [account, setAccount] = useState<NewsAccountValues>(NO_NEWS_ACCOUNT);
  const [problems, setProblems] = useState<IdentityProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'login' | 'add' | null>(null);
  const [loggedInAs, setLoggedInAs] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);

  // A box found wrong takes focus, so the person sees why nothing happened.
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);

  // A server added before: its identity, as main keeps it (never its password).
  useEffect(() => {
    let cancelled = false;
    void api.getForumAccount({ forumId: probe.forumId }).then((result) => {
      if (cancelled || !result.ok || !result.value?.identity) return;
      const { displayName, email } = result.value.identity;
      setAccount((current) => (current.displayName || current.email ? current : { ...current, displayName, email }));
    });
    return () => {
      cancelled = true;
    };
  }, [api, probe.forumId]);

  const matches = useMemo(() => filterGroups(probe.boards, filter), [probe.boards, filter]);
  const needsLogin = probe.loginRequired && probe.boards.length === 0;
  const posting = probe.postingAllowed !== false;
  const byId = useMemo(() => new Map(probe.boards.map((board) => [board.id, board])), [probe.boards]);
  const kept = [...followed].map((id) => byId.get(id)?.name).filter((name) => name !== undefined);

  const toggle = (boardId: string) => setFollowed((current) => withToggled(current, boardId));

  /** The identity typed, checked; what is wrong with it is said beside its boxes. */
  const identityOrProblems = (required: boolean) => {
    const checked = checkIdentity(account.displayName, account.email, required);
    setProblems(checked.ok ? {} : checked.problems);
    return checked;
  };

  const saveAccount = async (identity: { displayName: string; email: string }): Promise<boolean> => {
    const result = await api.setNewsAccount(newsAccountRequest(probe, identity, account));
    if (result.ok) return true;
    setError(`${result.error.message} Nothing was saved; check what you typed and try again.`);
    return false;
  };

  const logIn = async () => {
    setError(null);
    const checked = identityOrProblems(true);
    if (!checked.ok || !checked.identity) return;
    if (account.username.trim() === '') {
      setError('Type the user name and password this news server gave you.');
      return;
    }
    setBusy('login');
    const saved = await saveAccount(checked.identity);
    const again = saved ? await probeAgain() : null;
    setBusy(null);
    if (again === null) return;
    if (typeof again === 'string') setError(again);
    else if (again.loginRequired && again.boards.length === 0) setError('The server still asks for a login: check the user name and password, then log in again.');
    else {
      setLoggedInAs(account.username.trim());
      setProbe(again);
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const checked = identityOrProblems(false);
    if (!checked.ok || followed.size === 0) return;
    setBusy('add');
    if (checked.identity && !(await saveAccount(checked.identity))) {
      setBusy(null);
      return;
    }
    await onAdd(probe, followed);
  };

  return (
    <form ref={form} className="add-forum-choice" onSubmit={(event) => void add(event)} noValidate>
      <div className="add-forum-site">
        <h3>{probe.title}</h3>
        <p className="add-forum-url">{probe.baseUrl}</p>
        {probe.description && <p className="add-forum-description">{probe.description}</p>}
        {alreadyAdded && <p className="add-forum-note">This news server is already in your list; adding it again changes only the groups kept offline.</p>}
      </div>
      {probe.insecure && (
        <p className="add-forum-warning" role="alert">
          This news server does not encrypt: what you read, and your password if you log in, travel as plain text that anyone on the network
          can see. Use its nntps:// address if it has one.
        </p>
      )}
      {loggedInAs !== null && !probe.loginRequired && (
        <p className="add-forum-note">Logged in as {loggedInAs}. The password is kept by the reader’s main process.</p>
      )}
      {probe.loginRequired && (
        <NewsLoginFields
          values={account}
          onChange={setAccount}
          note={needsLogin ? 'This server lists its groups only after a login.' : 'This server asks for a login to post.'}
        >
          {needsLogin && (
            <button type="button" onClick={() => void logIn()} disabled={busy !== null}>
              {busy === 'login' ? 'Logging in…' : 'Log in and list groups'}
            </button>
          )}
        </NewsLoginFields>
      )}
      {!needsLogin && (
        <fieldset>
          <legend>Groups to keep offline</legend>
          {probe.boards.length === 0 ? (
            <p className="add-forum-note">This server lists no groups.</p>
          ) : (
            <>
              <input
                type="search"
                className="add-forum-filter"
                aria-label="Filter groups"
                placeholder="Part of a group’s name, such as comp.lang"
                value={filter}
                onChange={(event) => setFilter(event.target.value)}
                // Enter in a filter box narrows; it must not add the server half chosen.
                onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
              />
              <p className="add-forum-note" aria-live="polite">
                {groupCountText(filter.trim() !== '', matches.matching, probe.boards.length, probe.totalBoards)}
              </p>
              <ul className="add-forum-boards">
                {matches.shown.map((board) => (
                  <li key={board.id}>
                    <label>
                      <input
                        type="checkbox"
                        checked={followed.has(board.id)}
                        onChange={() => toggle(board.id)}
                        aria-describedby={board.description ? `${ids}-${board.id}` : undefined}
                      />{' '}
                      {board.name}
                    </label>
                    {board.description && (
                      <span id={`${ids}-${board.id}`} className="add-forum-group-note">
                        {board.description}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {kept.length > 0 && (
            <p className="add-forum-kept">
              Keeping {count(kept.length, 'group')}: {kept.join(', ')}
            </p>
          )}
        </fieldset>
      )}
      {posting ? (
        <NewsIdentityFields
          values={account}
          onChange={setAccount}
          problems={problems}
          onProblemsChange={setProblems}
          note="Replies you send are from “Display name <Email address>”, which everyone reading the group sees. Both are needed to reply; leave them empty to only read."
        />
      ) : (
        <p className="add-forum-note">This server takes no posts: its groups can be read here, not replied to.</p>
      )}
      {error && (
        <p className="add-forum-error" role="alert">
          {error}
        </p>
      )}
      <div className="add-forum-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={needsLogin || followed.size === 0 || busy !== null}>
          Add
        </button>
      </div>
    </form>
  );
}

/** How many groups the filter finds, and that only the first are drawn. */
export function groupCountText(filtered: boolean, matching: number, listed: number, total: number | undefined): string {
  const server = total !== undefined && total > listed ? ` The server has ${count(total, 'group')}; the first ${listed.toLocaleString('en')} are listed here.` : '';
  if (matching === 0) return `No group’s name holds that.${server}`;
  const groups = filtered ? `${count(matching, 'group')} match` : count(matching, 'group');
  const shown = matching > SHOWN_GROUPS ? `${groups}; the first ${SHOWN_GROUPS} are shown. Type part of a name to find the others.` : `${groups}.`;
  return `${shown}${server}`;
}
