import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CsatCounts } from '../domain/snapshot-math.ts';
import type { CampaignCsatSource } from '../ports/campaign-csat-source.ts';
import { readMonthIndex } from './month-index-reader.ts';

/**
 * {@link CampaignCsatSource} on the feedback table: the responses of [from, to) through the
 * sparse `byResponseMonth` index (one Query per month, the same read as the snapshot's feedback),
 * which copies each response's `csatRating` and nothing else. A response is one item, so it is
 * counted once; one answered after `asOf` (its `listSk` starts with its `answeredAt`) waits for a
 * later computation.
 */
export class DynamoDbCampaignCsatSource implements CampaignCsatSource {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async csatBetween(from: string, to: string, asOf: string): Promise<CsatCounts & { readUnits: number }> {
    const counts = { sum: 0, responses: 0 };
    const { readUnits } = await readMonthIndex(
      this.#client,
      { tableName: this.#tableName, indexName: 'byResponseMonth', monthAttribute: 'responseMonth', from, to },
      () => ({
        item: (item) => {
          const answeredAt = String(item.listSk).split('#')[0] ?? '';
          if (typeof item.csatRating !== 'number' || answeredAt < from || answeredAt >= to) return;
          if (Date.parse(answeredAt) > Date.parse(asOf)) return;
          counts.sum += item.csatRating;
          counts.responses += 1;
        },
      }),
    );
    return { ...counts, readUnits };
  }
}
