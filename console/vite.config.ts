import path from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/**
 * The staff console: built to `console/dist`, served at `/console/` (locally by the API's port,
 * deployed by CloudFront). The dashboard and its chart library are split into their own chunk,
 * so the first page stays small; `npm run console:size` checks the budget.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [preact()],
  resolve: {
    alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
  },
  build: {
    outDir: path.join(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    manifest: true,
  },
  logLevel: 'warn',
});
