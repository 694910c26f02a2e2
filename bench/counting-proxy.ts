import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/**
 * An HTTP proxy in front of DynamoDB Local that counts requests by operation (the
 * `X-Amz-Target` header), so the benchmark can count exactly the write requests functions make.
 */
export async function startCountingProxy(target: () => string): Promise<{
  url: string;
  counts: Map<string, number>;
  writes(): number;
  reset(): void;
  stop(): Promise<void>;
}> {
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
    const upstream = new URL(target());
    const forward = request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 500, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    writes: () => [...counts.entries()].filter(([op]) => WRITES.has(op)).reduce((sum, [, n]) => sum + n, 0),
    reset: () => counts.clear(),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
