import { createPlanService } from '../../shared/adapters/plan-service-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import type { Locale } from '../../shared/domain/text.ts';
import { apiHandler, requestHeader } from '../../shared/http/middleware.ts';
import { jsonResponse } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { PlanService } from '../../shared/services/plan-service.ts';
import { renderBoardPage } from '../../shared/web/board-page.ts';
import { HTML_HEADERS, localeFromAcceptLanguage, prefersHtml } from '../../shared/web/html-response.ts';

/**
 * Five minutes in every cache (browser, CloudFront, API Gateway's cache when enabled): the
 * board changes a few times a quarter, so a crowd reads one answer instead of the table.
 */
export const BOARD_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=60';

const LANGS: Record<string, Locale> = {
  en: 'en',
  'zh-cn': 'zh',
  zh: 'zh',
  'zh-hans': 'zh',
  'zh-tw': 'zh-TW',
  'zh-hant': 'zh-TW',
};

/**
 * `GET /v1/public/board` (contract §8, public): the public plans and the complaints resolved
 * last quarter per category. A browser gets the page (`?lang=` or `Accept-Language`), any
 * other caller JSON. Nothing personal: no owner, no problem text, no history.
 */
export function createPublicBoardHandler(service: PlanService) {
  const logger = createLogger();
  return apiHandler(logger).handler(async (event) => {
    const board = await service.board();
    const headers = { 'cache-control': BOARD_CACHE_CONTROL, vary: 'Accept, Accept-Language' };
    if (!prefersHtml(requestHeader(event, 'accept'))) return jsonResponse(200, board, headers);
    const asked = event.queryStringParameters?.lang?.toLowerCase();
    const locale =
      (asked && LANGS[asked]) || localeFromAcceptLanguage(requestHeader(event, 'accept-language'));
    return {
      statusCode: 200,
      headers: { ...HTML_HEADERS, ...headers },
      body: await renderBoardPage(board, locale, service.categoryLabels()),
    };
  });
}

export const handler = createPublicBoardHandler(createPlanService(runtimeConfigFromEnv()));
