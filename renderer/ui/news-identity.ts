// Who replies to a news server are from ("Display name <email>"), as typed in the Add forum
// dialog: checked with the contract's own schema, told in words a person can act on.
import * as v from 'valibot';
import { NewsIdentitySchema, type NewsIdentity, type SetNewsAccount } from '../../shared/replies';

export interface IdentityProblems {
  displayName?: string;
  email?: string;
}

export type IdentityCheck = { ok: true; identity: NewsIdentity | null } | { ok: false; problems: IdentityProblems };

const NAME_WORDS = 'Type the name your replies are signed with, on one line and at most 100 characters.';
const EMAIL_WORDS = 'Type an email address, such as name@example.org.';

/**
 * The identity, or what is wrong with it. Both empty is no identity (the server is only read),
 * unless one is `required` (a login is saved with it); one without the other is a problem.
 */
export function checkIdentity(displayName: string, email: string, required: boolean): IdentityCheck {
  if (!required && displayName.trim() === '' && email.trim() === '') return { ok: true, identity: null };
  const name = v.safeParse(NewsIdentitySchema.entries.displayName, displayName);
  const address = v.safeParse(NewsIdentitySchema.entries.email, email);
  if (name.success && address.success) return { ok: true, identity: { displayName: name.output, email: address.output } };
  return { ok: false, problems: { ...(!name.success && { displayName: NAME_WORDS }), ...(!address.success && { email: EMAIL_WORDS }) } };
}

/** The account main keeps for a news server: the identity, and the login when one was typed. */
export function newsAccountRequest(
  forum: { forumId: string; baseUrl: string },
  identity: NewsIdentity,
  login: { username: string; password: string },
): SetNewsAccount {
  const username = login.username.trim();
  return { ...forum, identity, ...(username !== '' && { username, password: login.password }) };
}
