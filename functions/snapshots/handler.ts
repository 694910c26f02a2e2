import type { APIGatewayProxyEvent } from 'aws-lambda';
import { createPlanService } from '../../shared/adapters/plan-service-factory.ts';
import { SnapshotRepositoryOnFirstComputation } from '../../shared/adapters/snapshot-repository-on-first-computation.ts';
import { createSnapshotService } from '../../shared/adapters/snapshot-service-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { NotFoundError } from '../../shared/domain/errors.ts';
import { requestHeader, staffApiHandler } from '../../shared/http/middleware.ts';
import { jsonResponse, parseOrThrow } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { pathParam, periodSchema } from '../../shared/schemas/params.ts';
import { snapshotFormatQuerySchema } from '../../shared/schemas/snapshot.ts';
import { type SnapshotService, snapshotCsv } from '../../shared/services/snapshot-service.ts';

function wantsCsv(event: APIGatewayProxyEvent, format: string | undefined): boolean {
  return format === 'csv' || (requestHeader(event, 'accept') ?? '').includes('text/csv');
}

/**
 * Staff snapshot routes: list, read one (JSON, or CSV with `?format=csv` / `Accept: text/csv`),
 * and recompute one on demand (`POST`, as of now; no summary email).
 */
export function createSnapshotsHandler(service: SnapshotService) {
  const logger = createLogger();
  return staffApiHandler(logger).handler(async (event) => {
    if (event.pathParameters?.period === undefined) {
      const items = (await service.list()).map(
        ({ period: p, kind, from, to, asOf, computedAt, totals, csat }) => ({
          period: p,
          kind,
          from,
          to,
          asOf,
          computedAt,
          totals,
          csat,
        }),
      );
      return jsonResponse(200, { items });
    }
    const period = pathParam(event, 'period', periodSchema, 'validation');
    const format = parseOrThrow(
      snapshotFormatQuerySchema,
      event.queryStringParameters ?? {},
      'query',
      'query',
    );
    if (event.httpMethod === 'POST') {
      const { snapshot, changed } = await service.recompute(period, new Date());
      logger.info('Snapshot recomputed', { period, changed });
      return jsonResponse(200, snapshot, { 'snapshot-changed': String(changed) });
    }
    const snapshot = await service.get(period);
    if (!snapshot) throw new NotFoundError(`snapshot for ${period}`);
    if (wantsCsv(event, format.format)) {
      return {
        statusCode: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="snapshot-${snapshot.period}.csv"`,
          'cache-control': 'no-store',
        },
        body: await snapshotCsv(snapshot),
      };
    }
    return jsonResponse(200, snapshot);
  });
}

const config = runtimeConfigFromEnv();
export const handler = createSnapshotsHandler(
  // Staff mostly list and read snapshots: a recompute's feedback reads load on the first one.
  createSnapshotService(
    config,
    (client, tableName) => new SnapshotRepositoryOnFirstComputation(client, tableName),
    createPlanService(config),
  ),
);
