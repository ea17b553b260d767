// Picks the transport: the Electron preload's window.forumApi, or the web host over HTTP.
// Whatever arrives is validated against the contract before the rest of the renderer sees it.
import * as v from 'valibot';
import { api, callNames, events, resultSchema, type EventName, type EventPayload, type ForumApi, type Result } from '../../shared/api';
import { createHttpForumApi } from './http-forum-api';
import { takeLaunchToken } from './launch-token';

declare global {
  interface Window {
    forumApi?: ForumApi;
  }
}

export function validatingForumApi(raw: ForumApi, log: Pick<Console, 'error'> = console): ForumApi {
  const calls = Object.fromEntries(
    callNames.map((name) => [
      name,
      async (input: unknown): Promise<Result<unknown>> => {
        const result = v.safeParse(resultSchema(api[name].output), await (raw[name] as (input: unknown) => Promise<unknown>)(input));
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
  chosen ??= validatingForumApi(window.forumApi ?? webHostForumApi());
  return chosen;
}

function webHostForumApi(): ForumApi {
  const token = takeLaunchToken(window.location, window.localStorage, window.history);
  return createHttpForumApi({ baseUrl: window.location.origin, ...(token && { token }) }).api;
}
