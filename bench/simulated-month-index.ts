import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

/** DynamoDB's item size rule: attribute names plus values (UTF-8 strings, numbers ~ digits / 2 + 1). */
export function itemSizeBytes(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(value).replace(/[-.]/g, '').length / 2) + 1;
  if (Array.isArray(value)) return 3 + value.reduce((n: number, v) => n + 1 + itemSizeBytes(v), 0);
  if (typeof value === 'object') {
    return (
      3 +
      Object.entries(value as Item).reduce(
        (n, [name, v]) => n + Buffer.byteLength(name) + 1 + itemSizeBytes(v),
        0,
      )
    );
  }
  return 1;
}

const PAGE_BYTES = 1024 * 1024;

/**
 * A document client stand-in that answers the snapshot's `byMonth` queries from generated
 * items instead of a table: `itemAt(i)` makes the i-th of `count` items (in receivedAt order,
 * which is the index's sort order), pages stop at 1 MB of items as DynamoDB's do, and each page
 * consumes what an eventually consistent index query does (0.5 read units per 4 KB of the
 * page, rounded up). Nothing but the current page is ever held, like the real client; items
 * are made on demand, so a million of them never exist at once.
 */
export function simulatedMonthIndexClient(count: number, itemAt: (i: number) => Item) {
  const monthOf = (i: number) => String(itemAt(i).receivedMonth);
  /** First index in [lo, hi) whose month is >= month (months grow with i). */
  const firstAtOrAfter = (month: string) => {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (monthOf(mid) < month) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let queries = 0;
  const client = {
    async send(command: unknown): Promise<Item> {
      if (command instanceof GetCommand) return {};
      if (!(command instanceof QueryCommand)) throw new Error('simulated index: only Query and Get');
      queries += 1;
      const input = command.input;
      const values = input.ExpressionAttributeValues as { ':month': string; ':from': string; ':to': string };
      const start =
        (input.ExclusiveStartKey as { i?: number } | undefined)?.i ?? firstAtOrAfter(values[':month']);
      const items: Item[] = [];
      let bytes = 0;
      let i = start;
      for (; i < count && bytes < PAGE_BYTES; i += 1) {
        const item = itemAt(i);
        if (item.receivedMonth !== values[':month']) {
          i = count;
          break;
        }
        const sk = String(item.listSk);
        bytes += itemSizeBytes(item);
        if (sk >= values[':from'] && sk <= values[':to']) items.push(item);
      }
      const more = i < count && monthOf(i) === values[':month'];
      return {
        Items: items,
        Count: items.length,
        ConsumedCapacity: { CapacityUnits: Math.ceil(bytes / 4096) * 0.5 },
        ...(more ? { LastEvaluatedKey: { i } } : {}),
      };
    },
  };
  return { client, queries: () => queries };
}
