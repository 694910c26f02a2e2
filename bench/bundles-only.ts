/**
 * `npm run bench:bundles`: the bundles part of the bench alone (every function built as the stack builds
 * it, cold init interleaved with the minimal handler's, median of BENCH_INIT_RUNS, default 5),
 * merged into bench/results.json with docs/PERFORMANCE.md regenerated, for when the whole bench
 * cannot finish on a loaded machine. The merged figures say when and by what they were measured.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../infra/project-root.ts';
import { initPinned, measureBundles } from './bundles.ts';
import { performanceReport } from './report.ts';

const r = (value: number) => Math.round(value * 100) / 100;
const { bundles, minimal, minimalSingleFile } = await measureBundles(
  Number(process.env.BENCH_INIT_RUNS ?? 5),
);
const largest = Math.max(...bundles.map((b) => b.initMs));
const largestCpu = Math.max(...bundles.map((b) => b.initCpuMs));
const resultsFile = path.join(PROJECT_ROOT, 'bench', 'results.json');
const results = existsSync(resultsFile)
  ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>)
  : {};
const at = new Date().toISOString();
results.bundles = bundles;
results.minimalBundle = minimal;
results.bundleInitRatio = r(largest / minimal.initMs);
results.bundleInitCpuRatio = r(largestCpu / minimal.initCpuMs);
results.minimalSingleFileBundle = minimalSingleFile;
results.bundleInitCpuRatioVsSingleFile = r(largestCpu / minimalSingleFile.initCpuMs);
results.bundlesMeasured = { by: 'npm run bench:bundles', at, pinnedRealTime: initPinned };
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(path.join(PROJECT_ROOT, 'docs', 'PERFORMANCE.md'), performanceReport(results));
for (const b of [...bundles, minimal, minimalSingleFile])
  console.log(
    `${b.name.padEnd(32)} ${String(Math.round(b.bytes / 1024)).padStart(5)} KB ${b.initMs} ms ${b.initCpuMs} ms CPU`,
  );
console.log(
  `largest init ${largest} ms ÷ minimal ${minimal.initMs} ms = ${results.bundleInitRatio} (CPU ${results.bundleInitCpuRatio}; CPU vs the one-file bare handler ${results.bundleInitCpuRatioVsSingleFile})`,
);
