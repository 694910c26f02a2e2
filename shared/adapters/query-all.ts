import {
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';

/**
 * Every item a query matches, page after page, for queries whose result is small by design or is
 * needed whole. `onPage` sees each page's answer (to add up its consumed capacity, say). A reader
 * that must not hold a whole result (the snapshot's month index) visits its pages itself.
 */
export async function queryAll(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
  onPage?: (page: QueryCommandOutput) => void,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    onPage?.(page);
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
