// Sandboxed preload (bundled to out/main/preload.cjs by main/build-main.ts: sandboxed preloads
// cannot require npm modules). Exposes `window.forumApi` and nothing else; ipcRenderer stays here.
import { contextBridge, ipcRenderer } from 'electron';
import { buildForumApiOverIpc, FORUM_API_GLOBAL } from './forum-api-bridge';

contextBridge.exposeInMainWorld(FORUM_API_GLOBAL, buildForumApiOverIpc(ipcRenderer));
