// Picks the transport: the Electron preload's window.forumApi, or the web host over HTTP.
// Whatever arrives is validated against the contract before the rest of the renderer sees it.
import * as v from 'valibot';
import { api, callNames, events, resultSchema, type EventName, type EventPayload, type ForumApi, type Result } from '../../shared/api';
import { createHttpForumApi } from './http-forum-api';
import { takeLaunchToken } from './launch-token';
import { MAIN_CONTACT_WORDS, reportMainContact, type MainContact } from '../state/main-contact-store';

declare global {
  interface Window {
    forumApi?: ForumApi;
  }
}

/**
 * `onContact` hears when a call finds main gone or back: the preload's IPC call rejects when
 * Electron's main side is gone and resolves once it answers again. Only for a transport whose
 * calls reject (IPC); the web host's calls always resolve and report their own contact.
 */
export function validatingForumApi(raw: ForumApi, log: Pick<Console, 'error'> = console, onContact: (contact: MainContact) => void = () => {}): ForumApi {
  const calls = Object.fromEntries(
    callNames.map((name) => [
      name,
      async (input: unknown): Promise<Result<unknown>> => {
        let answer: unknown;
        try {
          answer = await (raw[name] as (input: unknown) => Promise<unknown>)(input);
        } catch (error) {
          log.error(`${name}: main did not answer`, error);
          onContact('lost');
          return { ok: false, error: { code: 'unreachable', message: MAIN_CONTACT_WORDS.lost } };
        }
        onContact('connected');
        const result = v.safeParse(resultSchema(api[name].output), answer);
        if (result.success) return result.output as Result<unknown>;
        log.error(`${name}: the answer does not fit the contract`, result.issues);
        return { ok: false, error: { code: 'internal', message: `The reader's main process answered ${name} with something unexpected.` } };
      },
    ]),
  );
  return {
    ...calls,
    on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void) {
      return raw.on(name, (payload) => {
        const parsed = v.safeParse(events[name], payload);
        if (parsed.success) listener(parsed.output as EventPayload<K>);
        else log.error(`event ${name} does not fit the contract`, parsed.issues);
      });
    },
  } as ForumApi;
}

let chosen: ForumApi | null = null;
export function forumApi(): ForumApi {
  chosen ??= window.forumApi ? validatingForumApi(window.forumApi, console, reportMainContact) : validatingForumApi(webHostForumApi());
  return chosen;
}

function webHostForumApi(): ForumApi {
  const { token, accepted } = takeLaunchToken(window.location, window.localStorage, window.history);
  const onContact = (contact: MainContact) => {
    if (contact === 'connected') accepted();
    reportMainContact(contact);
  };
  return createHttpForumApi({ baseUrl: window.location.origin, ...(token && { token }), onContact }).api;
}
