import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// Chunking, measured by `npm run bundle:size` (issue 6: a route's initial JS ≤ 500 KB gzipped).
// - vendor: the libraries the shell (entry: layout, login, guards) loads up front — React, the router, TanStack
//   Query and the antd components the shell itself uses. One long-cached chunk, shared by every page.
// - charts: ECharts + zrender in one chunk, fetched only by the pages (or lazy chart components) that draw.
// - everything else, including the rest of antd, is left to Rolldown's automatic splitting, so each antd
//   component lands in a chunk shared by exactly the lazy pages that use it (table-*.js, date-picker-*.js …).
// Forcing all of antd into the vendor chunk (as before) put ~480 KB gzipped in front of every page. Do not
// hand-pick parts of antd into a group of their own: antd's modules import each other widely, and a group
// that takes some of them can leave chunks importing each other in a cycle, which breaks module init order
// ("Cannot access … before initialization"). bundle-size.ts fails on such a cycle.
const NODE_MODULES = /[\\/]node_modules[\\/]/;
const CHARTS = /[\\/]node_modules[\\/](echarts|zrender)[\\/]/;

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    // The server's CSP is `script-src 'self'`: never inline anything as a data: URL or inline script.
    assetsInlineLimit: 0,
    // The vendor chunk (~1.05 MB minified, ~335 KB gzipped) and a full ECharts are large by design.
    chunkSizeWarningLimit: 1100,
    // scripts/bundle-size.ts reads it to measure what each route loads (the server does not serve dot folders).
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor', test: NODE_MODULES, tags: ['$initial'], priority: 3 },
            { name: 'charts', test: CHARTS, priority: 2 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
