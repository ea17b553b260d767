import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { callNames, eventNames } from '../../../../shared/api';
import { FORUM_CALL_CHANNEL, FORUM_EVENT_CHANNEL } from '../../../../main/hosts/electron/channels';
import { buildForumApi, buildForumApiOverIpc, type IpcRendererLike } from '../../../../main/hosts/electron/forum-api-bridge';

const noopSubscribe = () => () => {};

function fakeIpcRenderer() {
  const listeners = new Set<(event: unknown, ...args: unknown[]) => void>();
  const ipc = {
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: {} })),
    on: vi.fn((_channel: string, listener: (event: unknown, ...args: unknown[]) => void) => listeners.add(listener)),
    removeListener: vi.fn((_channel: string, listener: (event: unknown, ...args: unknown[]) => void) => listeners.delete(listener)),
  } satisfies IpcRendererLike;
  const deliver = (...args: unknown[]) => {
    for (const listener of listeners) listener({ sender: 'ipcRenderer-would-leak-here' }, ...args);
  };
  return { ipc, listeners, deliver };
}

describe('buildForumApi (what the preload exposes)', () => {
  it('has exactly one function per call in the contract plus on', () => {
    const api = buildForumApi(async () => ({ ok: true, value: {} }), noopSubscribe);
    expect(Object.keys(api).sort()).toEqual([...callNames, 'on'].sort());
    for (const key of Object.keys(api)) expect(typeof (api as Record<string, unknown>)[key]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('routes each call by name and returns the Result as is', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: { runId: 'r1' } }));
    const api = buildForumApi(invoke, noopSubscribe);
    await expect(api.cancelSync({ runId: 'r1' })).resolves.toEqual({ ok: true, value: { runId: 'r1' } });
    expect(invoke).toHaveBeenCalledWith('cancelSync', { runId: 'r1' });
  });

  it('turns a transport failure or a malformed answer into an internal Result', async () => {
    const failing = buildForumApi(async () => Promise.reject(new Error('No handler registered')), noopSubscribe);
    await expect(failing.getAppInfo({})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    const garbled = buildForumApi(async () => 'surprise', noopSubscribe);
    await expect(garbled.getAppInfo({})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('on accepts the contract events and returns an unsubscribe function', () => {
    const unsubscribe = vi.fn();
    const subscribe = vi.fn(() => unsubscribe);
    const api = buildForumApi(async () => null, subscribe);
    for (const name of eventNames) {
      const off = api.on(name, () => {});
      expect(typeof off).toBe('function');
      off();
      off(); // twice is harmless
    }
    expect(subscribe).toHaveBeenCalledTimes(eventNames.length);
    expect(unsubscribe).toHaveBeenCalledTimes(eventNames.length);
  });

  it('on refuses unknown events and non-function listeners', () => {
    const subscribe = vi.fn(noopSubscribe);
    const api = buildForumApi(async () => null, subscribe);
    const on = api.on as (name: string, listener: unknown) => () => void;
    for (const name of ['message', 'forum:event', '__proto__', 'toString', '']) {
      expect(() => on(name, () => {})).toThrow(/Unknown event/);
    }
    expect(() => on('syncDone', 'not a function')).toThrow(TypeError);
    expect(subscribe).not.toHaveBeenCalled();
  });
});

describe('buildForumApiOverIpc', () => {
  it('invokes forum:call with the call name and input', async () => {
    const { ipc } = fakeIpcRenderer();
    const api = buildForumApiOverIpc(ipc);
    await api.probeForum({ address: 'https://meta.discourse.org' });
    expect(ipc.invoke).toHaveBeenCalledWith(FORUM_CALL_CHANNEL, 'probeForum', { address: 'https://meta.discourse.org' });
  });

  it('relays only the matching event and only its payload (never the IPC event)', () => {
    const { ipc, deliver, listeners } = fakeIpcRenderer();
    const api = buildForumApiOverIpc(ipc);
    const seen: unknown[][] = [];
    const off = api.on('syncDone', (...args: unknown[]) => seen.push(args));
    expect(ipc.on).toHaveBeenCalledWith(FORUM_EVENT_CHANNEL, expect.any(Function));
    deliver('syncProgress', { other: true });
    deliver('syncDone', { runId: 'r' });
    expect(seen).toEqual([[{ runId: 'r' }]]);
    off();
    expect(listeners.size).toBe(0);
    deliver('syncDone', { runId: 'again' });
    expect(seen).toHaveLength(1);
  });
});

describe('preload.ts', () => {
  it('exposes only the bridge and never ipcRenderer itself', () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const source = readFileSync(path.resolve(here, '../../../../main/hosts/electron/preload.ts'), 'utf8');
    const exposures = [...source.matchAll(/exposeInMainWorld\(([^,]+),\s*([^;]+)\);/g)];
    expect(exposures).toHaveLength(1);
    expect(exposures[0]?.[1]).toBe('FORUM_API_GLOBAL');
    expect(exposures[0]?.[2]).toMatch(/^buildForumApiOverIpc\(ipcRenderer\)\)?$/);
  });
});
