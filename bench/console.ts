import path from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { chromium } from 'playwright-core';
import { firstPageJs } from '../console/size-check.ts';
import { CONSOLE_DIST } from '../infra/local/console-build.ts';
import { openItems, seed } from './seed.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The console's two figures: first-page JavaScript (gzipped KB, from the build's manifest) and
 * the inbox's first render in headless Chromium with `openCount` open items in the table
 * (p50 of `loads` fresh page loads, from navigation start until the first rows are in the DOM).
 */
export async function measureConsole(options: {
  apiUrl: string;
  staffToken: string;
  client: DynamoDBDocumentClient;
  openCount?: number;
  loads?: number;
}): Promise<{
  firstLoadKb: number;
  firstPageFiles: string[];
  inboxRenderMs: number;
  inboxRenderRunsMs: number[];
  openItems: number;
}> {
  const openCount = options.openCount ?? 5000;
  const loads = options.loads ?? 10;
  const { files, gzipBytes } = firstPageJs(CONSOLE_DIST);
  const base = Date.parse('2026-01-05T01:00:00Z');
  await seed(
    options.client,
    openItems(
      openCount,
      (i) => new Date(base + i * 60_000),
      (record) => ({
        deadlines: {
          firstResponseDue: new Date(Date.parse(record.receivedAt) + 3 * 86_400_000).toISOString(),
          resolutionDue: new Date(Date.parse(record.receivedAt) + 10 * 86_400_000).toISOString(),
        },
      }),
    ),
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  const runs: number[] = [];
  try {
    for (let i = 0; i < loads; i += 1) {
      const context = await browser.newContext({ locale: 'en-US' });
      // Signed in for this tab, as the Sign in form leaves it (the token in sessionStorage).
      await context.addInitScript(
        `sessionStorage.setItem('sf-console-token', ${JSON.stringify(options.staffToken)});`,
      );
      const page = await context.newPage();
      await page.goto(`${options.apiUrl}/console/`);
      await page.locator('table.inbox tbody tr').first().waitFor();
      runs.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return {
    firstLoadKb: Math.round((gzipBytes / 1024) * 10) / 10,
    firstPageFiles: files.map((file) => path.basename(file)),
    inboxRenderMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN),
    inboxRenderRunsMs: runs.map(Math.round),
    openItems: openCount,
  };
}
