// The DPO console (src/console) as static files in dist/console, served by the gateway at /console.
// No inline scripts (the CSP allows same-origin files only) and no CDN: everything is bundled.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src/console', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/console', import.meta.url));

export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir,
    emptyOutDir: true,
    // Vite would inline small assets as data: URLs and a module-preload helper; keep files only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
