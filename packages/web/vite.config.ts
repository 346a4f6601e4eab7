/**
 * Two single-page apps, each its own build: `vite build --mode console` -> dist/console (served at
 * /console/), `--mode demo` -> dist/demo (served at /demo/). Hash routing, so the server needs no
 * fallback routes; no inline scripts, so the Content-Security-Policy can forbid them.
 */
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const PAGES = ['console', 'demo'];

export default defineConfig(({ mode }) => {
  if (!PAGES.includes(mode)) throw new Error(`vite: use --mode ${PAGES.join(' or --mode ')}`);
  const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
  return {
    root: here(`./src/${mode}`),
    base: `/${mode}/`,
    plugins: [vue()],
    resolve: { alias: { '@shared': here('./src/shared') } },
    build: {
      outDir: here(`./dist/${mode}`),
      emptyOutDir: true,
      // No inline module-preload polyfill: the CSP forbids inline scripts.
      modulePreload: { polyfill: false },
      chunkSizeWarningLimit: 1500,
      reportCompressedSize: false,
    },
  };
});
