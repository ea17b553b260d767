// The web host's transport: calls are POSTs, events arrive on one server-sent event stream.
// Both carry the launch token in a header. The stream is read with fetch rather than EventSource
// because EventSource cannot set headers, and the alternatives leak: a cookie goes to every port
// on 127.0.0.1, a token in the query lands in logs and history.
import { MAX_IMAGE_BYTES, WEB_TOKEN_HEADER, callNames, isEventName, type EventName, type EventPayload, type ForumApi, type Result } from '../../shared/api';

export interface HttpForumApiOptions {
  baseUrl: string;
  token?: string;
  fetch?: typeof fetch;
  /** Told whenever a call or the event stream finds the host answering, gone, or refusing this page. */
  onContact?: (contact: 'connected' | 'lost' | 'refused') => void;
}

export interface HttpForumApi {
  api: ForumApi;
  close(): void;
}

export function createHttpForumApi(options: HttpForumApiOptions): HttpForumApi {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const contact = options.onContact ?? (() => {});
  const headers: Record<string, string> = options.token ? { [WEB_TOKEN_HEADER]: options.token } : {};
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const closed = new AbortController();
  let streaming = false;

  async function call(name: string, input: unknown): Promise<Result<unknown>> {
    try {
      const response = await doFetch(`${options.baseUrl}/api/call/${name}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      if (response.status === 403) {
        contact('refused');
        return { ok: false, error: { code: 'forbidden', message: 'The reader refused this page: open it with the link that npm start printed.' } };
      }
      // A picture's bytes come as they are (web-host.ts); the contract's schema checks them after.
      const result = response.headers.get('content-type') === 'application/octet-stream' ? await readBytes(response) : ((await response.json()) as Result<unknown>);
      contact('connected');
      return result;
    } catch {
      contact('lost');
      return { ok: false, error: { code: 'unreachable', message: 'The reader’s own process is not answering. Is npm start still running?' } };
    }
  }

  async function stream() {
    for (let attempt = 0; !closed.signal.aborted; attempt++) {
      try {
        const response = await doFetch(`${options.baseUrl}/api/events`, { headers, signal: closed.signal });
        if (!response.ok || !response.body) {
          contact(response.status === 403 ? 'refused' : 'lost');
        } else {
          contact('connected');
          attempt = 0;
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              deliver(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
          }
          // The host ended the stream: it is stopping. Reconnect below.
          if (!closed.signal.aborted) contact('lost');
        }
      } catch {
        // The host is gone or restarting: reconnect below unless closed.
        if (!closed.signal.aborted) contact('lost');
      }
      if (closed.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** attempt)));
    }
  }

  function deliver(frame: string) {
    const data = frame
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6))
      .join('\n');
    if (!data) return;
    const message = JSON.parse(data) as { name: string; payload: unknown };
    if (!isEventName(message.name)) return;
    for (const listener of listeners.get(message.name) ?? []) listener(message.payload as never);
  }

  const api = Object.fromEntries(callNames.map((name) => [name, (input: unknown) => call(name, input)])) as Omit<ForumApi, 'on'>;
  return {
    api: {
      ...api,
      on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void) {
        if (!streaming) {
          streaming = true;
          void stream();
        }
        let set = listeners.get(name);
        if (!set) listeners.set(name, (set = new Set()));
        set.add(listener as (payload: never) => void);
        return () => set.delete(listener as (payload: never) => void);
      },
    } as ForumApi,
    close: () => closed.abort(),
  };
}

/** A binary answer, read no further than the largest the contract allows. */
async function readBytes(response: Response): Promise<Result<unknown>> {
  const tooLarge = { ok: false as const, error: { code: 'too_large' as const, message: `The reader’s own process sent more than ${MAX_IMAGE_BYTES} bytes of a picture; it was not kept.` } };
  if (Number(response.headers.get('content-length') ?? 0) > MAX_IMAGE_BYTES || !response.body) return tooLarge;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_IMAGE_BYTES) {
      await reader.cancel();
      return tooLarge;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { ok: true, value: bytes };
}
