import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { FUNCTION_BUILD_OPTIONS, outputsReadAtInit } from '../../infra/constructs/function-bundle.ts';
import { PROJECT_ROOT } from '../../infra/project-root.ts';
import { FUNCTIONS, type FunctionName } from '../../shared/definitions/function-definitions.ts';

/** The packages in a function's cold start: `index.mjs` and the chunks it imports statically. */
async function packagesAtInit(
  name: FunctionName,
): Promise<{ atInit: Set<string>; deployed: Set<string>; text: string; modulesAtInit: Set<string> }> {
  const result = await build({
    ...FUNCTION_BUILD_OPTIONS,
    absWorkingDir: PROJECT_ROOT,
    entryPoints: { index: FUNCTIONS[name].entry },
    outdir: 'out',
    write: false,
    metafile: true,
  });
  const outputs = result.metafile.outputs;
  const packagesOf = (files: Iterable<string>) =>
    new Set(
      [...files].flatMap((file) =>
        Object.keys(outputs[file]?.inputs ?? {}).flatMap(
          (input) => input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? [],
        ),
      ),
    );
  const reached = outputsReadAtInit(result.metafile);
  return {
    atInit: packagesOf(reached),
    deployed: packagesOf(Object.keys(outputs)),
    text: result.outputFiles.map((file) => file.text).join('\n'),
    modulesAtInit: new Set([...reached].flatMap((file) => Object.keys(outputs[file]?.inputs ?? {}))),
  };
}

// Libraries a function needs only on some invocations are loaded with import(): with code
// splitting they sit in chunks a cold start never reads (README "Performance").
describe('function bundles', () => {
  it.each([
    ['notify', 'libphonenumber-js'],
    ['importFromS3', 'libphonenumber-js'],
    ['campaigns', 'libphonenumber-js'],
    ['snapshots', 'handlebars'],
    ['publicBoard', 'handlebars'],
    ['inboundEmail', 'html-to-text'],
    ['quarterlySnapshot', '@aws-sdk/client-s3'],
    ['notify', '@aws-sdk/client-sesv2'],
    ['snapshots', '@aws-sdk/client-sesv2'],
    ['publicBoard', '@aws-sdk/client-sesv2'],
    ['intake', '@aws-sdk/credential-provider-sso'],
    ['intake', '@aws-sdk/credential-provider-ini'],
  ] as const)('%s ships %s but does not load it at cold start', async (name, library) => {
    // Act
    const { atInit, deployed } = await packagesAtInit(name);

    // Assess
    expect(deployed.has(library)).toBe(true);
    expect(atInit.has(library)).toBe(false);
    expect(atInit.has('@aws-sdk/client-dynamodb')).toBe(true);
  });

  it('drops the module-level schemas a function does not use (z.moduleSchema)', async () => {
    // Act: plans imports the feedback, problem and snapshot modules for some of their schemas.
    const { text } = await packagesAtInit('plans');

    // Assess: schema ids (OpenAPI metadata) are string literals that survive minification.
    expect(text).toContain('id:"PlanCreate"');
    expect(text).not.toContain('id:"FeedbackInput"');
    expect(text).not.toContain('id:"ProblemCreate"');
    expect(text).not.toContain('id:"SnapshotList"');
    // It reads stored snapshots only (DynamoDbStoredSnapshots), never the feedback records behind them.
    expect(text).not.toContain('id:"HistoryEntry"');
  });

  it('leaves the feedback record schemas out of the snapshot routes until a recompute', async () => {
    // Act
    const routes = await packagesAtInit('snapshots');
    const scheduled = await packagesAtInit('quarterlySnapshot');

    // Assess: the scheduled run computes every time and loads them at once.
    expect(routes.modulesAtInit.has('shared/schemas/snapshot.ts')).toBe(true);
    expect(routes.modulesAtInit.has('shared/schemas/feedback-record.ts')).toBe(false);
    expect(scheduled.modulesAtInit.has('shared/schemas/feedback-record.ts')).toBe(true);
  });
});
