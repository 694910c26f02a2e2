import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../infra/project-root.ts';

/** Where `npm run bench` writes its figures; the part runs (`bench:*`) merge theirs in. */
export const RESULTS_FILE = path.join(PROJECT_ROOT, 'bench', 'results.json');

/**
 * Merges a part run's figures into bench/results.json, when a full run has written it, and
 * regenerates docs/PERFORMANCE.md from the result. Answers whether there was a file to merge into.
 */
export async function mergeIntoResults(figures: Record<string, unknown>): Promise<boolean> {
  if (!existsSync(RESULTS_FILE)) return false;
  const results = {
    ...(JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>),
    ...figures,
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  const { performanceReport } = await import('./report.ts');
  writeFileSync(path.join(PROJECT_ROOT, 'docs', 'PERFORMANCE.md'), performanceReport(results));
  return true;
}
