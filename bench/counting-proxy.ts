import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

interface Consumed {
  CapacityUnits?: number;
}

/**
 * An HTTP proxy in front of DynamoDB Local that counts requests by operation (the
 * `X-Amz-Target` header), so the benchmark can count exactly the write requests functions make.
 * It also asks DynamoDB Local for the capacity each read and write consumed, table and indexes
 * (`ReturnConsumedCapacity: INDEXES`, unless the caller asked for it already), and adds up the
 * read and write units: the cost model's DynamoDB lines come from these. DynamoDB Local does not
 * check signatures, so the rewritten request body is accepted.
 */
export async function startCountingProxy(target: () => string): Promise<{
  url: string;
  counts: Map<string, number>;
  writes(): number;
  /** Write units consumed (table and index writes) since the last reset. */
  writeUnits(): number;
  /** Read units consumed since the last reset. */
  readUnits(): number;
  /** Capacity units by operation since the last reset. */
  unitsByOperation: Map<string, number>;
  reset(): void;
  stop(): Promise<void>;
}> {
  const counts = new Map<string, number>();
  const units = { read: 0, write: 0 };
  const unitsByOperation = new Map<string, number>();
  const server: Server = createServer(async (req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    const metered = WRITES.has(operation) || READS.has(operation);
    if (metered) {
      try {
        const input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        input.ReturnConsumedCapacity ??= 'INDEXES';
        body = Buffer.from(JSON.stringify(input));
      } catch {
        // Not JSON: forwarded as it came.
      }
    }
    const upstream = new URL(target());
    const headers = { ...req.headers, 'content-length': String(body.length) };
    delete headers['accept-encoding'];
    const forward = request(
      { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
      (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (part: Buffer) => parts.push(part));
        answer.on('end', () => {
          const payload = Buffer.concat(parts);
          if (metered && (answer.statusCode ?? 500) < 300) {
            try {
              const consumed = (
                JSON.parse(payload.toString('utf8')) as { ConsumedCapacity?: Consumed | Consumed[] }
              ).ConsumedCapacity;
              const total = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
                (sum, entry) => sum + (entry.CapacityUnits ?? 0),
                0,
              );
              unitsByOperation.set(operation, (unitsByOperation.get(operation) ?? 0) + total);
              if (WRITES.has(operation)) units.write += total;
              else units.read += total;
            } catch {
              // Unreadable answer: nothing to add.
            }
          }
          res.writeHead(answer.statusCode ?? 500, answer.headers);
          res.end(payload);
        });
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    forward.end(body);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    writes: () => [...counts.entries()].filter(([op]) => WRITES.has(op)).reduce((sum, [, n]) => sum + n, 0),
    writeUnits: () => units.write,
    readUnits: () => units.read,
    unitsByOperation,
    reset: () => {
      counts.clear();
      unitsByOperation.clear();
      units.read = 0;
      units.write = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
