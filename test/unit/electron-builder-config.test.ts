// electron-builder.yml is checked against the JSON schema electron-builder itself validates with
// (app-builder-lib/scheme.json), compiled with the same ajv options it uses, so a typo in the
// packaging config fails here instead of at the end of a long `npm run dist`.
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

type Config = Record<string, unknown> & {
  linux?: Record<string, unknown>;
  mac?: Record<string, unknown>;
  win?: Record<string, unknown>;
  directories?: Record<string, unknown>;
};

const loadConfig = (): Config => parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Config;

let validate: (data: unknown) => { valid: boolean; errors: string[] };

beforeAll(() => {
  const schema = readJson('node_modules/app-builder-lib/scheme.json') as object;
  // The options app-builder-lib/out/util/config/schemaValidator.js compiles the schema with.
  const ajv = new Ajv({ allErrors: true, verbose: true, coerceTypes: true, strict: false });
  const check = ajv.compile(schema);
  validate = (data) => {
    const copy = structuredClone(data); // coerceTypes rewrites the data it checks
    const valid = check(copy);
    const errors = (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    return { valid, errors };
  };
});

describe('electron-builder.yml', () => {
  it('matches the schema electron-builder ships', () => {
    const result = validate(loadConfig());
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes the reader: id, name, output, asar, protocol', () => {
    const config = loadConfig();
    expect(config.appId).toBe('org.forumreader.app');
    expect(config.productName).toBe('Forum Reader');
    expect(config.directories?.output).toBe('release');
    expect(config.asar).toBe(true);
    expect(config.protocols).toEqual([expect.objectContaining({ schemes: ['forum-reader'] })]);
  });

  it('packages only the bundled output and package.json', () => {
    const files = loadConfig().files as string[];
    expect(files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(files.some((pattern) => pattern.startsWith('!node_modules'))).toBe(true);
    const pkg = readJson('package.json') as { main: string };
    expect(pkg.main).toBe('out/main/electron-main.js');
  });

  it('targets AppImage and deb on Linux, dmg on macOS, nsis on Windows', () => {
    const { linux, mac, win } = loadConfig();
    expect(linux?.target).toEqual(['AppImage', 'deb']);
    expect(linux?.category).toBe('Network;News');
    expect(linux?.desktop).toEqual({ entry: expect.objectContaining({ Name: 'Forum Reader' }) });
    expect(mac?.target).toEqual(['dmg']);
    expect(mac?.category).toBe('public.app-category.news');
    expect(win?.target).toEqual(['nsis']);
  });

  it('rejects a broken config (the validator is not vacuous)', () => {
    const config = loadConfig();
    const misspelt = validate({ ...config, productname: 'Forum Reader' });
    expect(misspelt.valid).toBe(false);
    expect(misspelt.errors.join('\n')).toContain('productname');

    const wrongShape = validate({ ...config, linux: { ...config.linux, target: { AppImage: true } } });
    expect(wrongShape.valid).toBe(false);

    const badProtocol = validate({ ...config, protocols: [{ schemes: ['forum-reader'] }] });
    expect(badProtocol.valid).toBe(false);
    expect(badProtocol.errors.join('\n')).toContain('name');
  });

  it('gives Linux a desktop entry that opens forum-reader:// links, with its categories', () => {
    const entry = (loadConfig().linux?.desktop as { entry: Record<string, string> }).entry;
    expect(entry.MimeType?.split(';')).toContain('x-scheme-handler/forum-reader');
    expect(entry.Categories).toBe('Network;News;');
    expect(entry.Name).toBe('Forum Reader');
  });
});

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
};

describe('the icons electron-builder packages', () => {
  const config = loadConfig();
  const resources = config.directories?.buildResources as string;
  const file = (relative: string) => readFileSync(path.join(root, relative));

  it('live in the build resources folder under main/, not in a top-level build/', () => {
    expect(resources).toBe('main/hosts/electron/resources');
    expect(config.linux?.icon).toBe(`${resources}/icons`);
    expect(config.mac?.icon).toBe(`${resources}/icon.icns`);
    expect(config.win?.icon).toBe(`${resources}/icon.ico`);
  });

  it('Linux: a PNG of each size from 16 to 1024 pixels', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(file(`${resources}/icons/${size}x${size}.png`)), `${size}x${size}.png`).toEqual({ width: size, height: size });
    }
  });

  it('Windows: an .ico with 16 to 256 pixels, each a PNG of the size its entry says', () => {
    const ico = file(`${resources}/icon.ico`);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => {
      const at = 6 + i * 16;
      const size = ico.readUInt8(at) || 256;
      const image = ico.subarray(ico.readUInt32LE(at + 12), ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8));
      expect(pngSize(image)).toEqual({ width: size, height: size });
      return size;
    });
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('macOS: an .icns with every size from 16 to 1024 (512@2x)', () => {
    const icns = file(`${resources}/icon.icns`);
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found = new Map<string, number>();
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      found.set(icns.toString('ascii', at, at + 4), pngSize(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4))).width);
    }
    expect(Object.fromEntries(found)).toEqual({ icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 });
  });
});

describe('desktop integration', () => {
  it('Linux: the desktop entry is named, and StartupWMClass set, as Electron names the running window', () => {
    const config = loadConfig();
    const pkg = readJson('package.json') as { desktopName: string; productName: string };
    // Electron sets WM_CLASS / Wayland app_id from desktopName without ".desktop"
    // (native_window_views.cc, platform_util::GetXdgAppId); without desktopName, from a slug of the name.
    const wmClass = pkg.desktopName.replace(/\.desktop$/, '');
    expect(wmClass).toBe(config.linux?.executableName);
    expect(config.linux?.syncDesktopName).toBe(true);
    const entry = (config.linux?.desktop as { entry: Record<string, string> }).entry;
    expect(entry.StartupWMClass).toBe(wmClass);
  });

  it('Windows: the installer registers forum-reader:// and the uninstaller removes it', () => {
    const include = (loadConfig().nsis as { include?: string } | undefined)?.include;
    expect(include).toBeDefined();
    const script = readFileSync(path.join(root, include!), 'utf8');
    const macro = (name: string) => script.match(new RegExp(`!macro ${name}\\n([\\s\\S]*?)!macroend`))?.[1] ?? '';
    expect(macro('customInstall')).toContain('WriteRegStr SHELL_CONTEXT "Software\\Classes\\forum-reader" "URL Protocol" ""');
    expect(macro('customInstall')).toContain('"Software\\Classes\\forum-reader\\shell\\open\\command" "" \'"$appExe" "%1"\'');
    expect(macro('customUnInstall')).toContain('DeleteRegKey SHELL_CONTEXT "Software\\Classes\\forum-reader"');
  });
});
