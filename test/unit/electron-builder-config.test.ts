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
});
