import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** A library's files, wherever npm put them. */
const fromPackages = (...names: string[]) => new RegExp(`[\\\\/]node_modules[\\\\/](?:${names.join('|')})[\\\\/]`);

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // Inline scripts would need 'unsafe-inline' in the CSP; Vite emits files.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // The libraries in chunks of their own, so that no chunk passes Vite's 500 kB warning and a
        // browser on the web host keeps them cached across versions of the reader that did not
        // change them. Views are not loaded lazily: with the web host stopped (Ctrl-C), the page
        // still reads the library from IndexedDB, and a view whose code was never fetched could
        // not open then.
        codeSplitting: {
          groups: [
            { name: 'react', test: fromPackages('react', 'react-dom', 'scheduler') },
            { name: 'dexie', test: fromPackages('dexie', 'dexie-react-hooks') },
            // The composer's Markdown preview (shared/cook-markdown.ts) and what markdown-it uses.
            { name: 'markdown', test: fromPackages('markdown-it', 'linkify-it', 'mdurl', 'uc\\.micro', 'entities', 'punycode\\.js') },
            { name: 'vendor', test: fromPackages('.+?') },
          ],
        },
      },
    },
  },
});
