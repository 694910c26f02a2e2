import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../project-root.ts';

/** Where the staff console's sources and build live. */
export const CONSOLE_DIR = path.join(PROJECT_ROOT, 'console');
export const CONSOLE_DIST = path.join(CONSOLE_DIR, 'dist');
const MARKER = path.join(CONSOLE_DIST, 'index.html');

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** True when the build is missing or older than any of its sources. */
export function consoleBuildIsStale(): boolean {
  if (!existsSync(MARKER)) return true;
  const built = statSync(MARKER).mtimeMs;
  const sources = [
    path.join(CONSOLE_DIR, 'src'),
    path.join(CONSOLE_DIR, 'index.html'),
    path.join(CONSOLE_DIR, 'vite.config.ts'),
  ];
  return sources.some((source) => newestMtime(source) > built);
}

/**
 * Builds the console with Vite (no Docker) into `console/dist`. It builds into a fresh folder
 * and swaps it in, so a parallel reader never sees a half-written build.
 */
export async function buildConsole(options: { onlyIfStale?: boolean } = {}): Promise<'built' | 'fresh'> {
  if (options.onlyIfStale && !consoleBuildIsStale()) return 'fresh';
  const { build } = await import('vite');
  const staging = `${CONSOLE_DIST}.tmp-${process.pid}-${Date.now()}`;
  await build({
    configFile: path.join(CONSOLE_DIR, 'vite.config.ts'),
    build: { outDir: staging, emptyOutDir: true },
    logLevel: 'warn',
  });
  const old = `${CONSOLE_DIST}.old-${process.pid}-${Date.now()}`;
  if (existsSync(CONSOLE_DIST)) renameSync(CONSOLE_DIST, old);
  renameSync(staging, CONSOLE_DIST);
  rmSync(old, { recursive: true, force: true });
  return 'built';
}
