/**
 * Merges the figures of part runs (`npm run bench:cost` output saved as JSON) into
 * bench/results.json and regenerates docs/PERFORMANCE.md, for when the whole bench cannot run
 * (a machine too loaded for its settle timeouts). Each merged section says when and by what it
 * was measured. Usage: node --import tsx bench/merge-part-runs.ts <bench-cost-output.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../infra/project-root.ts';
import { costInputsOf, costPerMillion } from './cost-model.ts';
import type { LifecycleFigures } from './lifecycle.ts';
import { performanceReport } from './report.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: merge-part-runs.ts <bench-cost-output.json>');
const part = JSON.parse(readFileSync(file, 'utf8')) as { lifecycle: LifecycleFigures };
const resultsFile = path.join(PROJECT_ROOT, 'bench', 'results.json');
const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>;
const cost = costPerMillion(costInputsOf(part.lifecycle.arrival));
const costFullLife = costPerMillion(costInputsOf(part.lifecycle.fullLife));
const at = new Date().toISOString();
results.lifecycle = { ...part.lifecycle, measuredBy: 'npm run bench:cost', measuredAt: at };
results.costPerMillionUsd = cost.total;
results.cost = cost;
results.costPerMillionFullLifeUsd = costFullLife.total;
results.costFullLife = costFullLife;
results.partRuns = {
  note: 'lifecycle, cost, costFullLife and snapshotScale come from part runs on this date; the other figures from measuredAt',
  measuredAt: at,
};
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(path.join(PROJECT_ROOT, 'docs', 'PERFORMANCE.md'), performanceReport(results));
console.log(`cost per million: arrival $${cost.total}, full life $${costFullLife.total}`);
