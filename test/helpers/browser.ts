import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium (installed by `.ci/run`); Playwright's own download cannot reach the internet here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests leave screenshots and axe's report. */
export const BROWSER_OUTPUT = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'browser');

/** Headless Chromium for a test file. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(BROWSER_OUTPUT, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
}

/** A screenshot for people to look at (never compared: the tests assert on the DOM). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(BROWSER_OUTPUT, `${name}.png`), fullPage: true });
}

/**
 * Runs axe-core on the page (WCAG 2.1 A/AA rules and best practices) and answers the serious
 * or critical violations; every result is appended to `axe-report.txt` as text.
 */
export async function seriousA11yViolations(page: Page, name: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const lines = [
    `== ${name} (${page.url()}): ${results.passes.length} rules passed, ${results.violations.length} violated, ${results.incomplete.length} need review`,
    ...results.violations.map(
      (violation) =>
        `   ${violation.impact ?? 'unknown'}: ${violation.id} — ${violation.help} (${violation.nodes.length} node${violation.nodes.length === 1 ? '' : 's'})`,
    ),
  ];
  appendFileSync(path.join(BROWSER_OUTPUT, 'axe-report.txt'), `${lines.join('\n')}\n`);
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} → ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}
