import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import {
  bundleFunction,
  FUNCTION_BUILD_OPTIONS,
  outputsReadAtInit,
} from '../infra/constructs/function-bundle.ts';
import { PROJECT_ROOT } from '../infra/project-root.ts';
import { functionEnvironment } from '../shared/config/function-environment.ts';
import { FUNCTIONS } from '../shared/definitions/function-definitions.ts';

/**
 * How CDK's NodejsFunction bundles by default (one file, no code splitting): the bare handler is
 * also built this way, as the yardstick a team gets from the stock construct
 * (`minimalSingleFileBundle`).
 */
export const SINGLE_FILE_BUILD_OPTIONS = {
  bundle: true,
  platform: 'node' as const,
  target: 'node22',
  format: 'esm' as const,
  minify: true,
  mainFields: ['module', 'main'],
  banner: FUNCTION_BUILD_OPTIONS.banner,
  logLevel: 'silent' as const,
};

export interface BundleFigure {
  name: string;
  /** Everything deployed: `index.mjs` and all its chunks. */
  bytes: number;
  /** What a cold start reads: `index.mjs` and the chunks it imports statically. */
  initBytes?: number;
  /** Wall-clock module init, median of the runs. */
  initMs: number;
  /** CPU time (user + system) the init spent, median of the runs: steadier than wall time on a shared machine. */
  initCpuMs: number;
}

const INIT_ENV = {
  ...process.env,
  ...functionEnvironment({}, { tableName: 'BenchTable', publicBaseUrl: 'https://bench.example.com' }),
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

/**
 * How each cold import runs: at real-time priority on one core (`chrt -f 50 taskset -c 1`) when
 * the machine allows it, so the other processes sharing the two cores cannot preempt the import
 * being timed. Measured on 2026-12-02 under a load average of 16: the bare handler's CPU time read
 * 52.0 and 62.9 ms in one run without it, 44.7 and 44.3 ms with it. `BENCH_PLAIN=1` turns it off.
 */
const PINNED: readonly string[] = (() => {
  if (process.env.BENCH_PLAIN === '1') return [];
  try {
    execFileSync('chrt', ['-f', '50', 'taskset', '-c', '1', 'true'], { stdio: 'ignore' });
    return ['chrt', '-f', '50', 'taskset', '-c', '1'];
  } catch {
    return [];
  }
})();

/** Whether the cold imports run pinned at real-time priority. */
export const initPinned = PINNED.length > 0;

/** The command and arguments that run `node <args>` for a timed cold import (pinned when allowed). */
export function timedNode(args: readonly string[]): [string, string[]] {
  const [command = process.execPath, ...prefix] = [...PINNED, process.execPath];
  return [command, [...prefix, ...args]];
}

/** One cold import of a bundle in a fresh Node process: wall and CPU milliseconds. */
function initOnce(bundle: string): { wall: number; cpu: number } {
  const script = `const c=process.cpuUsage();const t=performance.now();await import(${JSON.stringify(pathToFileURL(bundle).href)});const w=performance.now()-t;const u=process.cpuUsage(c);console.log(w+' '+(u.user+u.system)/1000);`;
  const out = execFileSync(...timedNode(['--input-type=module', '-e', script]), {
    env: INIT_ENV,
    encoding: 'utf8',
  });
  const [wall, cpu] = (out.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { wall: wall ?? Number.NaN, cpu: cpu ?? Number.NaN };
}

const MINIMAL = 'minimal (DynamoDB client only)';
const MINIMAL_ENTRY = 'bench/minimal-handler.ts';

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Bytes of every file of a bundle, and of those a cold start reads ({@link outputsReadAtInit}). */
function bundleBytes(metafile: Metafile): { bytes: number; initBytes: number } {
  const sizes = Object.entries(metafile.outputs);
  const atInit = outputsReadAtInit(metafile);
  return {
    bytes: sizes.reduce((sum, [, output]) => sum + output.bytes, 0),
    initBytes: sizes.reduce((sum, [file, output]) => sum + (atInit.has(file) ? output.bytes : 0), 0),
  };
}

/**
 * Builds every function as the stack deploys it (`bundleFunction`: code-split, the bare handler
 * too) plus the bare handler as one file (`SINGLE_FILE_BUILD_OPTIONS`), and times a cold import of
 * each, median of `runs`.
 */
export async function measureBundles(
  runs = 5,
  only?: readonly string[],
): Promise<{ bundles: BundleFigure[]; minimal: BundleFigure; minimalSingleFile: BundleFigure }> {
  const out = mkdtempSync(path.join(tmpdir(), 'feedback-bundles-'));
  try {
    const targets = [
      ...Object.entries(FUNCTIONS)
        .filter(([name]) => !only || only.includes(name))
        .map(([name, def]) => ({ name, entry: def.entry })),
      { name: MINIMAL, entry: MINIMAL_ENTRY },
    ];
    const built: { name: string; file: string; bytes: number; initBytes?: number }[] = [];
    for (const target of targets) {
      const dir = path.join(out, target.name.replace(/\W+/g, '-'));
      const { index, metafile } = bundleFunction(target.entry, dir);
      built.push({ name: target.name, file: index, ...bundleBytes(metafile) });
    }
    const singleFile = path.join(out, 'minimal-single-file.mjs');
    await build({
      ...SINGLE_FILE_BUILD_OPTIONS,
      entryPoints: [path.join(PROJECT_ROOT, MINIMAL_ENTRY)],
      outfile: singleFile,
    });
    built.push({ name: `${MINIMAL}, one file`, file: singleFile, bytes: statSync(singleFile).size });
    // Rounds, each importing every bundle once (the baseline among them): on a shared machine the
    // load drifts over minutes, and interleaving gives every bundle the same drift.
    const samples = built.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
    for (let round = 0; round < runs; round += 1) {
      built.forEach((bundle, i) => {
        const time = initOnce(bundle.file);
        samples[i]?.wall.push(time.wall);
        samples[i]?.cpu.push(time.cpu);
      });
    }
    const figures: BundleFigure[] = built.map((bundle, i) => ({
      name: bundle.name,
      bytes: bundle.bytes,
      ...(bundle.initBytes === undefined ? {} : { initBytes: bundle.initBytes }),
      initMs: Math.round(median(samples[i]?.wall ?? []) * 10) / 10,
      initCpuMs: Math.round(median(samples[i]?.cpu ?? []) * 10) / 10,
    }));
    const minimalSingleFile = figures.pop() as BundleFigure;
    const minimal = figures.pop() as BundleFigure;
    return { bundles: figures, minimal, minimalSingleFile };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
