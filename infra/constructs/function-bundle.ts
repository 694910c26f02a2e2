import path from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { type BuildOptions, buildSync, type Metafile } from 'esbuild';
import { PROJECT_ROOT } from '../project-root.ts';

/** The module Lambda loads (`index.mjs`); its handler is `index.<export>`. */
export const BUNDLE_ENTRY_MODULE = 'index';

/**
 * esbuild options of every function bundle, shared by the stack and `npm run bench`.
 *
 * Code splitting is on: what a function loads with `import()` (Handlebars, the HTML-to-text
 * converter, campaign results, and the SDK's own credential providers for SSO, profiles and web
 * identity, which a Lambda function never uses) goes into files under `chunks/` that Node reads
 * only when that import runs. In a single-file bundle V8 still had to parse all of it at every
 * cold start: measured side by side, splitting takes 7–17 ms off each function's init
 * (`npm run bench:bundles`, README "Performance").
 */
export const FUNCTION_BUILD_OPTIONS = {
  bundle: true,
  splitting: true,
  platform: 'node',
  // Runs on nodejs22.x and newer; deployed on the latest (24).
  target: 'node22',
  format: 'esm',
  minify: true,
  // No source maps: parsing a 3 MB map at every cold start costs more than it gives.
  sourcemap: false,
  mainFields: ['module', 'main'],
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // Some CommonJS dependencies call require(); give each ESM file one.
  banner: {
    js: "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);",
  },
  logLevel: 'silent',
} as const satisfies BuildOptions;

/**
 * Bundles a function's handler module (`entry`, from the repository root) into `outdir`:
 * `index.mjs` plus its chunks. Answers the path of `index.mjs` and esbuild's metafile.
 */
export function bundleFunction(entry: string, outdir: string): { index: string; metafile: Metafile } {
  const { metafile } = buildSync({
    ...FUNCTION_BUILD_OPTIONS,
    absWorkingDir: PROJECT_ROOT,
    entryPoints: { [BUNDLE_ENTRY_MODULE]: path.join(PROJECT_ROOT, entry) },
    outdir,
    metafile: true,
  });
  return { index: path.join(outdir, `${BUNDLE_ENTRY_MODULE}.mjs`), metafile };
}

/**
 * The output files a cold start reads, as named in `metafile`: the entry and the chunks it imports
 * statically, transitively. What is reached only through `import()` is left out.
 */
export function outputsReadAtInit(metafile: Metafile): Set<string> {
  const { outputs } = metafile;
  const reached = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    for (const imported of outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
    }
  };
  // Chunks reached by import() are entry points too in the metafile: start from `index.mjs` only.
  for (const file of Object.keys(outputs)) {
    if (path.basename(file) === `${BUNDLE_ENTRY_MODULE}.mjs` && !file.includes('/chunks/')) visit(file);
  }
  return reached;
}

/**
 * A function's code asset: its bundle, built in process by esbuild at synth. The asset is
 * hashed by its output, as NodejsFunction's own bundling does; the Docker image is never used,
 * since local bundling either succeeds or fails the synth with esbuild's error.
 */
export function functionCode(entry: string): Code {
  return Code.fromAsset(PROJECT_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Part of the asset's cache key: without it every function would share the first bundle.
      environment: { FUNCTION_ENTRY: entry },
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24-slim'),
      local: {
        tryBundle(outputDir: string): boolean {
          bundleFunction(entry, outputDir);
          return true;
        },
      },
    },
  });
}
