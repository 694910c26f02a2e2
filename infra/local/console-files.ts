import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { CONSOLE_DIST } from './console-build.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The headers CloudFront's response-headers policy adds when deployed (kept equal on purpose). */
export const CONSOLE_SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * Serves the built console at `/console/` on the API's port, with `config.json` made for the
 * local stack (same-origin API, the local token form) and the SPA's `index.html` for any other
 * path under it, so a shared deep link opens.
 */
export function consoleFiles(config: { timezone: string }) {
  return async (method: string, url: URL, res: ServerResponse): Promise<boolean> => {
    if (method !== 'GET' && method !== 'HEAD') return false;
    if (url.pathname === '/console') {
      res.writeHead(301, { location: '/console/' });
      res.end();
      return true;
    }
    if (!url.pathname.startsWith('/console/')) return false;
    const relative = decodeURIComponent(url.pathname.slice('/console/'.length));
    if (relative === 'config.json') {
      const body = JSON.stringify({ apiUrl: '', timezone: config.timezone, auth: { mode: 'local' } });
      res.writeHead(200, { 'content-type': TYPES['.json'] ?? '', 'cache-control': 'no-store' });
      res.end(method === 'HEAD' ? undefined : body);
      return true;
    }
    const resolved = path.resolve(CONSOLE_DIST, relative);
    const inside = resolved.startsWith(`${CONSOLE_DIST}${path.sep}`);
    const isAsset = inside && path.extname(resolved) !== '';
    const file = isAsset ? resolved : path.join(CONSOLE_DIST, 'index.html');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      if (isAsset) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found');
        return true;
      }
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The console is not built yet: npm run console:build');
      return true;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': file.includes(`${path.sep}assets${path.sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      ...CONSOLE_SECURITY_HEADERS,
    });
    res.end(method === 'HEAD' ? undefined : body);
    return true;
  };
}
