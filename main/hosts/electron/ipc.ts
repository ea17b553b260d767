// Binds the handler table to Electron IPC. Every call goes through dispatchCall (validation and
// error shaping shared with the web host); only frames showing the reader's own pages may call.
import type { EventName, EventPayload, Handlers, Result } from '../../../shared/api';
import { dispatchCall, type Logger } from '../../dispatch';
import type { EmitEvent } from '../../services';
import { isAppUrl } from './app-origin';
import { FORUM_CALL_CHANNEL, FORUM_EVENT_CHANNEL } from './channels';

export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export type TrustedSenderCheck = (event: InvokeEventLike) => boolean;

/** True when the calling frame shows a page of the app origin (app://reader/…). */
export const isAppSender: TrustedSenderCheck = (event) => {
  let url: unknown;
  try {
    url = event.senderFrame?.url; // the getter may throw once the frame is gone
  } catch {
    return false;
  }
  return isAppUrl(url);
};

export const FORBIDDEN_RESULT: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This page is not allowed to talk to the reader.' },
};

/** Registers the `forum:call` handler; returns a function that removes it. */
export function bindIpc(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  isTrustedSender: TrustedSenderCheck = isAppSender,
  log: Logger = console,
): () => void {
  ipcMain.handle(FORUM_CALL_CHANNEL, async (event, name, input) => {
    if (!isTrustedSender(event)) {
      log.warn(`Refused a "${String(name).slice(0, 60)}" call from an untrusted frame`);
      return FORBIDDEN_RESULT;
    }
    return dispatchCall(handlers, typeof name === 'string' ? name : String(name), input, log);
  });
  return () => ipcMain.removeHandler(FORUM_CALL_CHANNEL);
}

export interface EventTarget {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** `emit` for the services: sends each event to the current window, if there is one. */
export function createWindowEmitter(target: () => EventTarget | null | undefined): EmitEvent {
  return <K extends EventName>(name: K, payload: EventPayload<K>) => {
    const contents = target();
    if (!contents || contents.isDestroyed()) return;
    contents.send(FORUM_EVENT_CHANNEL, name, payload);
  };
}
