/**
 * `npm run bench:init-parts`: what a function's cold init spends, dependency by dependency. Each
 * part is a tiny entry that imports the baseline (the DynamoDB client) plus one library, built
 * as the stack builds functions (`FUNCTION_BUILD_OPTIONS`, code-split); its CPU time at init (median of BENCH_INIT_RUNS, default 7) minus the
 * baseline's is that library's share.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { FUNCTION_BUILD_OPTIONS } from '../infra/constructs/function-bundle.ts';
import { PROJECT_ROOT } from '../infra/project-root.ts';
import { timedNode } from './bundles.ts';
import { mergeIntoResults } from './results-file.ts';

const BASE =
  "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const c = new DynamoDBClient({});\n";
const SCHEMA = 'object({ id: string().max(40), text: string().max(5000), n: number().int().optional() })';
const PARTS: Record<string, string> = {
  baseline: '',
  'zod (classic, `z` export) + one schema': `import { z } from 'zod';\nexport const s = z.${SCHEMA.replace(/(string|number)\(\)/g, 'z.$1()')};\n`,
  'zod/mini as the project imports it (shared/schemas/zod.ts) + one schema': `import * as z from '${path.join(PROJECT_ROOT, 'shared/schemas/zod.ts')}';\nexport const s = z.object({ id: z.string().check(z.maxLength(40)), text: z.string().check(z.maxLength(5000)), n: z.optional(z.int()) });\n`,
  'the feedback schemas (shared/schemas, zod/mini)': `export * from '${path.join(PROJECT_ROOT, 'shared/schemas/feedback-input.ts')}';\nexport * from '${path.join(PROJECT_ROOT, 'shared/schemas/feedback-record.ts')}';\n`,
  'route definitions (every route schema; no function imports them)': `export * from '${path.join(PROJECT_ROOT, 'shared/definitions/route-definitions.ts')}';\n`,
  'stack configuration schemas (synth side since 2026-12-02; every function built them at cold start before)': `export * from '${path.join(PROJECT_ROOT, 'shared/config/stack-config.ts')}';\n`,
  'stack configuration as functions decode it (runtime-config: committed defaults + overrides, no schema)': `import { runtimeConfigFromEnv } from '${path.join(PROJECT_ROOT, 'shared/config/runtime-config.ts')}';\nexport const config = runtimeConfigFromEnv({ FEEDBACK_TABLE_NAME: 'T', PUBLIC_BASE_URL: 'https://x.example.com', SERVICE_FEEDBACK_CONFIG: '{"policy":{"strongNegativeScore":0.7}}' });\n`,
  'Powertools Logger + middy':
    "import { Logger } from '@aws-lambda-powertools/logger';\nimport middy from '@middy/core';\nexport const l = new Logger();\nexport const m = middy;\n",
  handlebars: "import Handlebars from 'handlebars';\nexport const h = Handlebars.compile('{{x}}');\n",
  // Loaded, not called: both designs pay the platform's first time-zone lookup on first use.
  'luxon (no longer bundled)': "import { DateTime } from 'luxon';\nexport const d = DateTime;\n",
  'zoned time on Intl (shared/domain/zoned-time.ts)': `import { instantOfWallTime } from '${path.join(PROJECT_ROOT, 'shared/domain/zoned-time.ts')}';\nexport const d = instantOfWallTime;\n`,
  'the first time-zone lookup (Intl.DateTimeFormat, Asia/Shanghai)':
    "export const f = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: 'numeric' }).format(0);\n",
  'csv-stringify': "import { stringify } from 'csv-stringify/sync';\nexport const s = stringify;\n",
  'libphonenumber-js':
    "import { parsePhoneNumberFromString } from 'libphonenumber-js';\nexport const p = parsePhoneNumberFromString;\n",
  'mailparser (no longer bundled)':
    "import { simpleParser } from 'mailparser';\nexport const p = simpleParser;\n",
  'postal-mime': "import PostalMime from 'postal-mime';\nexport const p = PostalMime;\n",
  'SES client':
    "import { SESv2Client } from '@aws-sdk/client-sesv2';\nexport const s = new SESv2Client({});\n",
  'S3 client': "import { S3Client } from '@aws-sdk/client-s3';\nexport const s = new S3Client({});\n",
  'csv-parse': "import { parse } from 'csv-parse';\nexport const p = parse;\n",
  'SQS client (campaign dispatch)':
    "import { SQSClient } from '@aws-sdk/client-sqs';\nexport const s = new SQSClient({});\n",
  'opencc-js t2cn (zh-TW terms and scores; hot topics, triage)':
    "import * as OpenCC from 'opencc-js/t2cn';\nexport const o = OpenCC;\n",
  'the snapshot schemas (shared/schemas/snapshot.ts; every snapshot route parses stored snapshots)': `export * from '${path.join(PROJECT_ROOT, 'shared/schemas/snapshot.ts')}';\n`,
  'the feedback record schemas (shared/schemas/feedback-record.ts; a snapshot computation parses every item)': `export * from '${path.join(PROJECT_ROOT, 'shared/schemas/feedback-record.ts')}';\n`,
  // What every function of ours loads before its own work: logging, the middleware, the decoded
  // configuration (and with it zod/mini).
  'common floor of every function (Logger + middy + decoded configuration, with zod/mini)': `import { Logger } from '@aws-lambda-powertools/logger';\nimport middy from '@middy/core';\nimport { runtimeConfigFromEnv } from '${path.join(PROJECT_ROOT, 'shared/config/runtime-config.ts')}';\nexport const l = new Logger();\nexport const m = middy;\nexport const config = runtimeConfigFromEnv({ FEEDBACK_TABLE_NAME: 'T', PUBLIC_BASE_URL: 'https://x.example.com', SERVICE_FEEDBACK_CONFIG: '{}' });\n`,
  // What a function that reads S3 and validates feedback cannot do without, with no code of ours:
  // the floor under import from S3 and inbound e-mail, next to the goal of 1.5× the baseline.
  'floor of import from S3 (S3 client + feedback input schema + csv-parse, no code of ours)': `import { S3Client } from '@aws-sdk/client-s3';\nimport { parse } from 'csv-parse';\nexport { feedbackInputSchema } from '${path.join(PROJECT_ROOT, 'shared/schemas/feedback-input.ts')}';\nexport const s = new S3Client({});\nexport const p = parse;\n`,
  'floor of inbound e-mail (S3 client + feedback input schema + postal-mime, no code of ours)': `import { S3Client } from '@aws-sdk/client-s3';\nimport PostalMime from 'postal-mime';\nexport { feedbackInputSchema } from '${path.join(PROJECT_ROOT, 'shared/schemas/feedback-input.ts')}';\nexport const s = new S3Client({});\nexport const p = PostalMime;\n`,
};

function cpuMsOnce(file: string): number {
  const script = `const c=process.cpuUsage();await import(${JSON.stringify(pathToFileURL(file).href)});const u=process.cpuUsage(c);console.log((u.user+u.system)/1000);`;
  return Number(
    execFileSync(...timedNode(['--input-type=module', '-e', script]), {
      env: {
        ...process.env,
        AWS_REGION: 'us-east-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      encoding: 'utf8',
    }).trim(),
  );
}

/** CPU ms and bundle KB of each part above the baseline. */
export async function measureInitParts(runs = 7) {
  const dir = mkdtempSync(path.join(tmpdir(), 'init-parts-'));
  try {
    const built: { part: string; file: string; bytes: number }[] = [];
    for (const [part, code] of Object.entries(PARTS)) {
      const entry = path.join(dir, `${part.replace(/\W+/g, '-')}.ts`);
      writeFileSync(entry, BASE + code);
      // Built as the stack builds functions (code-split); the part's size is its index file.
      const outdir = entry.replace(/\.ts$/, '');
      const result = await build({
        ...FUNCTION_BUILD_OPTIONS,
        entryPoints: { index: entry },
        outdir,
        metafile: true,
        nodePaths: [path.join(PROJECT_ROOT, 'node_modules')],
      });
      const file = path.join(outdir, 'index.mjs');
      const bytes =
        Object.entries(result.metafile?.outputs ?? {}).find(([out]) => out.endsWith('/index.mjs'))?.[1]
          .bytes ?? 0;
      built.push({ part, file, bytes });
    }
    // Interleaved rounds (every part once per round), so a load that drifts hits all parts alike.
    const samples = built.map(() => [] as number[]);
    for (let round = 0; round < runs; round += 1) {
      built.forEach((b, i) => {
        samples[i]?.push(cpuMsOnce(b.file));
      });
    }
    const medians = samples.map((v) => [...v].sort((x, y) => x - y)[Math.floor(runs / 2)] ?? Number.NaN);
    const baseline = medians[0] ?? Number.NaN;
    const out = built.map((b, i) => ({
      part: b.part,
      kb: Math.round(b.bytes / 1024),
      cpuMs: Math.round((medians[i] ?? Number.NaN) * 10) / 10,
      aboveBaselineMs: Math.round(((medians[i] ?? Number.NaN) - baseline) * 10) / 10,
    }));
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = Number(process.env.BENCH_INIT_RUNS ?? 7);
  const parts = await measureInitParts(runs);
  // Kept with the results (a new field), so docs/PERFORMANCE.md shows what bounds the init ratio.
  await mergeIntoResults({ initParts: { measuredAt: new Date().toISOString(), runs, parts } });
  for (const p of parts)
    console.log(
      `${p.part.padEnd(52)} ${String(p.kb).padStart(5)} KB ${String(p.cpuMs).padStart(7)} ms CPU  +${p.aboveBaselineMs} ms`,
    );
}
