import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console's bundle: Preact through Vite's own JSX transform (no plugin),
 * every dependency bundled (no CDN: the CSP allows this origin only), hashed
 * file names under /assets so the gateway can cache them for a year.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    // The pages share one small bundle; a 300 kB budget is enforced by build.ts, not by splitting.
    chunkSizeWarningLimit: 300,
  },
});
