import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// antd + React change far less often than our pages, so they get their own long-cached chunk.
const VENDOR =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@babel[\\/]runtime|@emotion|stylis|classnames|clsx)[\\/]/;

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    // The server's CSP is `script-src 'self'`: never inline anything as a data: URL or inline script.
    assetsInlineLimit: 0,
    // The vendor chunk (antd + React, ~1.3 MB minified) is large by design and cached across releases.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor', test: VENDOR, priority: 2 },
            { name: 'libs', test: /[\\/]node_modules[\\/]/, priority: 1 },
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
