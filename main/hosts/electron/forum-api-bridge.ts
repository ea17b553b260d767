// Builds the object the preload exposes as `window.forumApi`: exactly one function per call in
// the contract plus `on`. Pure (no electron import) so tests can check its shape and wire it to a
// stand-in IPC; the preload bundles it.
import {
  callNames,
  isEventName,
  type AppErrorInfo,
  type CallName,
  type EventName,
  type ForumApi,
  type Result,
} from '../../../shared/api';
import { FORUM_CALL_CHANNEL, FORUM_EVENT_CHANNEL } from './channels';

export const FORUM_API_GLOBAL = 'forumApi';

export type Invoke = (name: CallName, input: unknown) => Promise<unknown>;
export type Subscribe = (name: EventName, listener: (payload: unknown) => void) => () => void;

const TRANSPORT_ERROR: AppErrorInfo = {
  code: 'internal',
  message: 'The reader did not answer. Try again, or restart it.',
};

const isResult = (value: unknown): value is Result<unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const { ok } = value as { ok?: unknown };
  return ok === true ? 'value' in value : ok === false && 'error' in value;
};

export function buildForumApi(invoke: Invoke, subscribe: Subscribe): ForumApi {
  const bridge: Record<string, unknown> = {};
  for (const name of callNames) {
    bridge[name] = async (input: unknown): Promise<Result<unknown>> => {
      try {
        const result = await invoke(name, input);
        return isResult(result) ? result : { ok: false, error: TRANSPORT_ERROR };
      } catch {
        return { ok: false, error: TRANSPORT_ERROR };
      }
    };
  }
  bridge.on = (name: unknown, listener: unknown): (() => void) => {
    if (typeof name !== 'string' || !isEventName(name)) throw new TypeError(`Unknown event "${String(name)}".`);
    if (typeof listener !== 'function') throw new TypeError('on() needs a listener function.');
    let unsubscribe: (() => void) | null = subscribe(name, (payload) => (listener as (payload: unknown) => void)(payload));
    return () => {
      unsubscribe?.();
      unsubscribe = null;
    };
  };
  return Object.freeze(bridge) as ForumApi;
}

/** The parts of ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * The bridge over ipcRenderer. Listeners get the payload only, never the IPC event (whose
 * `sender` would hand the page ipcRenderer itself).
 */
export function buildForumApiOverIpc(ipcRenderer: IpcRendererLike): ForumApi {
  return buildForumApi(
    (name, input) => ipcRenderer.invoke(FORUM_CALL_CHANNEL, name, input),
    (name, listener) => {
      const relay = (_event: unknown, eventName: unknown, payload: unknown) => {
        if (eventName === name) listener(payload);
      };
      ipcRenderer.on(FORUM_EVENT_CHANNEL, relay);
      return () => {
        ipcRenderer.removeListener(FORUM_EVENT_CHANNEL, relay);
      };
    },
  );
}
