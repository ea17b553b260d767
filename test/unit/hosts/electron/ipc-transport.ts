// The Electron transport for the shared contract suite: handlers bound with bindIpc on a fake
// ipcMain, reached through the same bridge the preload exposes (buildForumApiOverIpc), over a
// fake ipcRenderer whose frame is the app origin. Arguments, results and event payloads are
// structured-cloned on the way, as real IPC does.
import type { ForumApi, Handlers } from '../../../../shared/api';
import { APP_ENTRY_URL } from '../../../../main/hosts/electron/app-origin';
import { buildForumApiOverIpc } from '../../../../main/hosts/electron/forum-api-bridge';
import { bindIpc, createWindowEmitter } from '../../../../main/hosts/electron/ipc';
import type { EmitEvent } from '../../../../main/services';
import { FakeIpcMain, FakeIpcRenderer, FakeWebContents } from './electron-stand-in';

export interface IpcTestLink {
  /** Pass to createServices/bootServices as `emit`: events reach every connected ForumApi. */
  emit: EmitEvent;
  /** Binds `handlers` and returns the ForumApi a page would see. Call once per link. */
  connect(handlers: Handlers, options?: { senderUrl?: string | null }): ForumApi;
  ipcMain: FakeIpcMain;
  webContents: FakeWebContents;
  /** Removes the IPC handler. */
  close(): void;
}

export function createIpcLinkForTest(): IpcTestLink {
  const ipcMain = new FakeIpcMain();
  const webContents = new FakeWebContents();
  const renderers: FakeIpcRenderer[] = [];
  webContents.onSend = (channel, args) => {
    for (const renderer of renderers) renderer.deliver(channel, args);
  };
  let unbind: (() => void) | null = null;
  return {
    emit: createWindowEmitter(() => webContents),
    ipcMain,
    webContents,
    connect(handlers, options = {}) {
      unbind ??= bindIpc(ipcMain, handlers, undefined, { error: () => {}, warn: () => {}, info: () => {} });
      const renderer = new FakeIpcRenderer(ipcMain, options.senderUrl === undefined ? APP_ENTRY_URL : options.senderUrl);
      renderers.push(renderer);
      return buildForumApiOverIpc(renderer);
    },
    close() {
      unbind?.();
      unbind = null;
    },
  };
}

/**
 * The contract suite's entry point: a ForumApi over (fake) Electron IPC from a trusted frame.
 * For events, create the link first so the services can be given its `emit`:
 *   const link = createIpcLinkForTest();
 *   const services = createServices({ ..., emit: link.emit });
 *   const api = createIpcTransportForTest(services.handlers, link);
 */
export function createIpcTransportForTest(handlers: Handlers, link: IpcTestLink = createIpcLinkForTest()): ForumApi {
  return link.connect(handlers);
}
