import path from 'node:path';
import { buildConsole } from '../infra/local/console-build.ts';
import { FIRST_PAGE_BUDGET_KB, firstPageJs } from './size-check.ts';

/** `npm run console:build`: builds the console and fails when the first page is over budget. */
await buildConsole();
const { files, gzipBytes } = firstPageJs(path.join(import.meta.dirname, 'dist'));
const kb = gzipBytes / 1024;
console.log(
  `console first-page JS: ${kb.toFixed(1)} KB gzipped (${files.join(', ')}); budget ${FIRST_PAGE_BUDGET_KB} KB`,
);
if (kb > FIRST_PAGE_BUDGET_KB) {
  console.error(`console build over budget by ${(kb - FIRST_PAGE_BUDGET_KB).toFixed(1)} KB`);
  process.exit(1);
}
