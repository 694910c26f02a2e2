import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { clockShiftedTo } from './fake-clock.ts';

/**
 * `npm run test:clock`: runs the test suite with every process's wall clock (vitest, its
 * workers, the local stack; not DynamoDB Local's JVM) shifted by libfaketime so that it reads
 * each instant below, in Asia/Shanghai, when the run starts. A test that depends on the hour,
 * the weekday, a holiday, the month or the quarter fails here.
 *
 * Usage: `npm run test:clock [-- [--repeat N] [--only <name>] [vitest arguments]]`; without
 * vitest arguments the whole suite runs.
 */
export const INSTANTS = [
  { name: 'saturday-0300', at: '2026-12-05T03:00:00+08:00', why: 'a Saturday, 03:00' },
  { name: 'weekday-0859', at: '2026-12-07T08:59:00+08:00', why: 'a Monday, a minute before work' },
  { name: 'weekday-1759', at: '2026-12-04T17:59:00+08:00', why: 'a Friday, a minute before close' },
  { name: 'holiday', at: '2026-10-01T10:00:00+08:00', why: 'a Thursday configured as a holiday' },
  { name: 'quarter-end', at: '2026-12-31T23:59:00+08:00', why: 'the last minute of 2026-Q4' },
  { name: 'later-year', at: '2027-02-10T10:00:00+08:00', why: 'a working Wednesday in 2027' },
] as const;

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const OUTPUT = path.join(ROOT, '.ci-output');

interface RunResult {
  instant: string;
  round: number;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  exitCode: number;
}

function parseArguments(argv: string[]) {
  let repeat = 1;
  let only: string | undefined;
  const vitest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--repeat') repeat = Number(argv[++i]);
    else if (arg === '--only') only = argv[++i];
    else vitest.push(arg);
  }
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat takes a positive integer');
  const instants = INSTANTS.filter((instant) => !only || only.split(',').includes(instant.name));
  if (instants.length === 0) throw new Error(`--only: none of ${INSTANTS.map((i) => i.name).join(', ')}`);
  return { repeat, instants, vitest };
}

/** Fails early, and clearly, when libfaketime does not move Node's clock on this machine. */
function assertClockMoves(env: Record<string, string>, at: string): void {
  const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  const seen = Number(probe.stdout);
  if (!Number.isFinite(seen) || Math.abs(seen - Date.parse(at)) > 60_000)
    throw new Error(`libfaketime did not move Node's clock to ${at} (saw ${new Date(seen).toISOString()})`);
}

async function runAt(
  instant: (typeof INSTANTS)[number],
  round: number,
  vitestArgs: string[],
): Promise<RunResult> {
  const report = path.join(OUTPUT, `clock-${instant.name}-${round}.json`);
  const env = clockShiftedTo(instant.at);
  assertClockMoves(env, instant.at);
  console.log(`\n[test:clock] ${instant.name} (${instant.why}): ${instant.at}, round ${round}`);
  const started = performance.now();
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
        ...vitestArgs,
      ],
      { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'inherit' },
    );
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as Record<string, number>;
    return {
      instant: instant.name,
      round,
      passed: json.numPassedTests ?? 0,
      failed: json.numFailedTests ?? 0,
      skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
      seconds,
      exitCode,
    };
  } catch {
    return { instant: instant.name, round, passed: 0, failed: 0, skipped: 0, seconds, exitCode };
  }
}

if (process.env.FAKETIME)
  throw new Error('test:clock sets the clock itself: run it without FAKETIME in the environment');
const { repeat, instants, vitest } = parseArguments(process.argv.slice(2));
mkdirSync(OUTPUT, { recursive: true });
const results: RunResult[] = [];
for (const instant of instants)
  for (let round = 1; round <= repeat; round += 1) results.push(await runAt(instant, round, vitest));

console.log('\n[test:clock] instant (Asia/Shanghai)          round  passed  failed  skipped  seconds');
for (const r of results) {
  const at = INSTANTS.find((i) => i.name === r.instant)?.at ?? '';
  console.log(
    `[test:clock] ${`${r.instant} ${at.slice(0, 16)}`.padEnd(33)} ${String(r.round).padStart(5)} ${String(r.passed).padStart(7)} ${String(r.failed).padStart(7)} ${String(r.skipped).padStart(8)} ${String(r.seconds).padStart(8)}${r.exitCode === 0 ? '' : '  FAILED'}`,
  );
}
process.exitCode = results.every((r) => r.exitCode === 0) ? 0 : 1;
