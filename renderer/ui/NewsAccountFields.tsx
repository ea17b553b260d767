// The boxes of a news server's account, shared by the Add forum dialog and the Accounts page:
// the name and email replies go out under, and a login where the server asks for one. A box's
// problem is said beside it and goes once the box is changed.
import { useId, type ReactNode } from 'react';
import type { IdentityProblems } from './news-identity';
import './news-account.css';

export interface NewsAccountValues {
  displayName: string;
  email: string;
  username: string;
  password: string;
}

export const NO_NEWS_ACCOUNT: NewsAccountValues = { displayName: '', email: '', username: '', password: '' };

interface FieldsProps {
  values: NewsAccountValues;
  onChange(values: NewsAccountValues): void;
  /** Called with the box changed, so its problem can go. */
  problems?: IdentityProblems;
  onProblemsChange?(problems: IdentityProblems): void;
  /** What is said above the boxes. */
  note: ReactNode;
  children?: ReactNode;
}

function Field(props: {
  label: string;
  value: string;
  type: 'text' | 'email' | 'password';
  autoComplete: string;
  problem: string | undefined;
  onChange(value: string): void;
}) {
  const id = useId();
  return (
    <label className="news-account-field">
      {props.label}
      <input
        type={props.type}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        autoComplete={props.autoComplete}
        spellCheck={false}
        aria-invalid={props.problem !== undefined}
        aria-describedby={props.problem ? id : undefined}
      />
      {props.problem && (
        <span id={id} className="news-account-problem">
          {props.problem}
        </span>
      )}
    </label>
  );
}

/** "Display name" and "Email address": who replies are from. */
export function NewsIdentityFields({ values, onChange, problems = {}, onProblemsChange, note }: FieldsProps) {
  const change = (key: 'displayName' | 'email', value: string) => {
    onChange({ ...values, [key]: value });
    if (problems[key] && onProblemsChange) {
      const { [key]: _, ...rest } = problems;
      onProblemsChange(rest);
    }
  };
  return (
    <fieldset className="news-account">
      <legend>Your name on replies</legend>
      <p className="news-account-note">{note}</p>
      <Field label="Display name" type="text" autoComplete="name" value={values.displayName} problem={problems.displayName} onChange={(value) => change('displayName', value)} />
      <Field label="Email address" type="email" autoComplete="email" value={values.email} problem={problems.email} onChange={(value) => change('email', value)} />
    </fieldset>
  );
}

/** "User name" and "Password", for servers that ask (AUTHINFO); the password goes to main only. */
export function NewsLoginFields({ values, onChange, note, children }: FieldsProps) {
  return (
    <fieldset className="news-account">
      <legend>Login</legend>
      <p className="news-account-note">{note} The password is kept by the reader’s main process, never in this window.</p>
      <Field label="User name" type="text" autoComplete="username" value={values.username} problem={undefined} onChange={(username) => onChange({ ...values, username })} />
      <Field label="Password" type="password" autoComplete="current-password" value={values.password} problem={undefined} onChange={(password) => onChange({ ...values, password })} />
      {children}
    </fieldset>
  );
}
