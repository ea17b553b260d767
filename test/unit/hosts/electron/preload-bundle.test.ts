// Builds the real preload bundle in memory (same esbuild options as `npm run build:main`) and runs
// it against a stand-in `electron`, the way a sandboxed renderer would: its `require` knows only
// `electron`, so an accidental npm or Node import fails here.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { callNames } from '../../../../shared/api';
import { bundleOptions } from '../../../../main/build-main';
import { FORUM_CALL_CHANNEL } from '../../../../main/hosts/electron/channels';
import { FakeIpcMain, FakeIpcRenderer } from './electron-stand-in';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
let code = '';

beforeAll(async () => {
  const result = await build({ ...bundleOptions(root).preload, write: false, sourcemap: false, outfile: 'preload.cjs' });
  code = result.outputFiles[0]?.text ?? '';
}, 30_000);

function runPreload(ipcRenderer: unknown) {
  const exposed = new Map<string, unknown>();
  const requested: string[] = [];
  const sandboxRequire = (id: string) => {
    requested.push(id);
    if (id !== 'electron') throw new Error(`module not found: ${id}`);
    return { contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) }, ipcRenderer };
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', code)(sandboxRequire, module, module.exports);
  return { exposed, requested };
}

describe('preload bundle', () => {
  it('is CommonJS that requires nothing but electron', () => {
    expect(code.length).toBeGreaterThan(0);
    const requires = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('exposes exactly window.forumApi with one function per call plus on', async () => {
    const ipcMain = new FakeIpcMain();
    ipcMain.handle(FORUM_CALL_CHANNEL, async (_event, name) => ({ ok: true, value: { echoed: name } }));
    const { exposed, requested } = runPreload(new FakeIpcRenderer(ipcMain, 'app://reader/index.html'));
    expect(requested).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['forumApi']);
    const api = exposed.get('forumApi') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...callNames, 'on'].sort());
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    const getAppInfo = api.getAppInfo as (input: unknown) => Promise<unknown>;
    await expect(getAppInfo({})).resolves.toEqual({ ok: true, value: { echoed: 'getAppInfo' } });
  });
});
