import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // Inline scripts would need 'unsafe-inline' in the CSP; Vite emits files.
    assetsInlineLimit: 0,
  },
});
