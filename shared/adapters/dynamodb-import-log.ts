import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { FEEDBACK_TABLE } from '../definitions/table-definition.ts';
import type { ImportAuditEntry, ImportLog } from '../ports/import-log.ts';

/**
 * {@link ImportLog} in the feedback table: one item per run under `IMPORT#<importId>`, so
 * every upload of a file is on record, and no index or stream consumer sees it as feedback.
 */
export class DynamoDbImportLog implements ImportLog {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async record(entry: ImportAuditEntry): Promise<void> {
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: {
          [FEEDBACK_TABLE.partitionKey]: `IMPORT#${entry.importId}`,
          [FEEDBACK_TABLE.sortKey]: `RUN#${entry.at}#${entry.actor}`,
          entity: 'import',
          ...entry,
        },
      }),
    );
  }
}
