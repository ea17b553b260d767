// The layering of the design, made executable: a wrong import fails `npm test`, not a review.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

export function importsOf(source: string): string[] {
  const found = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)];
  return found.map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

/** The feature folder a path lies in (renderer/features/<name>/), or null. */
const featureOf = (path: string): string | null => /^renderer\/features\/([^/]+)\//.exec(path)?.[1] ?? null;

/** Each engine's folder, and the files outside it that may import it. */
const ENGINES = [
  { name: 'Discourse', dir: 'main/sources/discourse/' },
  { name: 'NNTP', dir: 'main/sources/nntp/' },
];
/** The one place that picks an engine for a forum (main/sources/forum-sources.ts). */
const ENGINE_RESOLVER = 'main/sources/forum-sources.ts';

/** Describes why `file` may not import `specifier`, or returns null when it may. */
export function ruleBroken(file: string, specifier: string): string | null {
  const target = specifier.startsWith('.') ? relative(root, resolve(root, dirname(file), specifier)) : null;
  const layer = file.split('/')[0];
  const engine = target ? ENGINES.find((candidate) => target.startsWith(candidate.dir)) : undefined;
  if (engine && !file.startsWith(engine.dir) && file !== ENGINE_RESOLVER) {
    return `${engine.name} code is reached only through ${ENGINE_RESOLVER} and the interfaces of main/sources/forum-source.ts`;
  }
  if (specifier === 'electron' && !file.startsWith('main/hosts/electron/')) return 'only main/hosts/electron/ may import electron';
  if (layer === 'shared') {
    if (target && !target.startsWith('shared/')) return 'shared/ imports nothing of main/ or renderer/';
    if (NODE_BUILTINS.has(specifier)) return 'shared/ is pure: no Node modules';
  }
  if (layer === 'renderer') {
    if (target?.startsWith('main/')) return 'renderer/ never imports main/';
    if (NODE_BUILTINS.has(specifier)) return 'renderer/ has no Node modules';
    const feature = featureOf(file);
    const other = target ? featureOf(target) : null;
    if (feature && other && other !== feature) return 'a feature talks to another only through db/, state/, ui/ and shared/';
  }
  return null;
}

/**
 * Whether code in `source` loads the electron package at run time. Outside Electron, Node resolves
 * it to node_modules/electron/index.js, which starts the 100 MB binary download when the binary is
 * missing; type-only imports are erased. (A mention in a comment or backticks is not a load.)
 */
export function loadsElectron(source: string): boolean {
  return /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s+['"]electron['"]|(?:^|\n)\s*import\s+['"]electron['"]|(?<![`\w.])(?:require|import)\(\s*['"]electron['"]\s*\)/.test(source);
}

/** The files Electron itself runs, where `electron` is its built-in module, not the npm package. */
const RUN_BY_ELECTRON = new Set(['main/hosts/electron/electron-main.ts', 'main/hosts/electron/preload.ts']);

/** The import loops among `files` (each as its files in import order), following relative imports only. */
export function importLoops(files: string[], read: (file: string) => string): string[][] {
  const known = new Set(files);
  const resolveImport = (file: string, specifier: string): string | undefined => {
    const base = relative(root, resolve(root, dirname(file), specifier));
    return [`${base}.ts`, `${base}.tsx`, base].find((candidate) => known.has(candidate));
  };
  const edges = new Map(files.map((file) => [file, importsOf(read(file)).flatMap((s) => (s.startsWith('.') ? (resolveImport(file, s) ?? []) : []))]));
  const loops: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]): void => {
    const at = path.indexOf(file);
    if (at >= 0) return void loops.push(path.slice(at));
    if (done.has(file)) return;
    for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
  return loops;
}

describe('import rules', () => {
  const files = ['shared', 'renderer', 'main'].flatMap(sourceFiles);

  it('finds the project sources', () => {
    expect(files).toContain('shared/api.ts');
    expect(files.some((file) => file.startsWith('renderer/'))).toBe(true);
  });

  it('every import in shared/, renderer/ and main/ keeps to its layer', () => {
    const broken = files.flatMap((file) =>
      importsOf(readFileSync(join(root, file), 'utf8')).flatMap((specifier) => {
        const why = ruleBroken(file, specifier);
        return why ? [`${file} imports ${specifier}: ${why}`] : [];
      }),
    );
    expect(broken).toEqual([]);
  });

  it('only the files Electron runs load electron, so no build, test or tool starts its download', () => {
    // This file's own examples aside.
    const everywhere = [...files, ...sourceFiles('test')].filter((file) => file !== relative(root, import.meta.filename));
    expect(everywhere.filter((file) => !RUN_BY_ELECTRON.has(file) && loadsElectron(readFileSync(join(root, file), 'utf8')))).toEqual([]);
    expect([...RUN_BY_ELECTRON].every((file) => loadsElectron(readFileSync(join(root, file), 'utf8')))).toBe(true);
  });

  it('no file imports itself through other files', () => {
    expect(importLoops(files, (file) => readFileSync(join(root, file), 'utf8'))).toEqual([]);
  });

  it('catches the wrong imports it is meant to catch', () => {
    const sources: Record<string, string> = {
      'main/a.ts': `import { b } from './b';`,
      'main/b.ts': `import type { C } from './sync/c';`,
      'main/sync/c.ts': `import type { A } from '../a';`,
    };
    expect(importLoops(Object.keys(sources), (file) => sources[file] ?? '')).toEqual([['main/a.ts', 'main/b.ts', 'main/sync/c.ts']]);
    expect(ruleBroken('shared/model.ts', '../main/services')).toMatch(/shared/);
    expect(ruleBroken('shared/model.ts', 'node:fs')).toMatch(/pure/);
    expect(ruleBroken('renderer/App.tsx', '../main/services')).toMatch(/never imports main/);
    expect(ruleBroken('renderer/db/queries.ts', 'fs')).toMatch(/Node/);
    expect(ruleBroken('main/services.ts', 'electron')).toMatch(/electron/);
    expect(ruleBroken('renderer/features/forums/AddForumDialog.tsx', '../sync/sync-forum')).toMatch(/a feature talks to another/);
    expect(ruleBroken('renderer/features/forums/AddForumDialog.tsx', './add-forum')).toBeNull();
    expect(ruleBroken('renderer/features/forums/AddForumDialog.tsx', '../../db/queries')).toBeNull();
    expect(ruleBroken('renderer/ReaderPanes.tsx', './features/sync/sync-forum')).toBeNull();
    expect(ruleBroken('main/hosts/electron/ipc.ts', 'electron')).toBeNull();
    expect([`import { app } from 'electron';`, `const { app } = require('electron');`, `await import("electron")`, `import 'electron';`].map(loadsElectron)).toEqual([true, true, true, true]);
    expect([`import type { App } from 'electron';`, '// never `require(\'electron\')` here', `import { x } from 'electron-builder';`].map(loadsElectron)).toEqual([false, false, false]);
    expect(ruleBroken('main/outbox/reply-sender.ts', '../sources/discourse/discourse-replies')).toMatch(/Discourse code is reached only through/);
    expect(ruleBroken('main/sources/nntp/news-replies.ts', '../discourse/discourse-errors')).toMatch(/Discourse code/);
    expect(ruleBroken('main/services.ts', './sources/nntp/nntp-client')).toMatch(/NNTP code is reached only through/);
    expect(ruleBroken('main/sources/discourse/discourse-engine.ts', './probe')).toBeNull();
    expect(ruleBroken('main/sources/forum-sources.ts', './discourse/discourse-engine')).toBeNull();
    expect(importsOf(`import { x } from '../main/a';\nimport type { Y } from "./b";\nexport * from './c';\nconst m = await import('./d');\nimport './e.css';`)).toEqual([
      '../main/a',
      './b',
      './c',
      './d',
      './e.css',
    ]);
  });
});
