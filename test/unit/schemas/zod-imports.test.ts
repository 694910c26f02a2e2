import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

describe('runtime code and zod', () => {
  it('imports zod only through shared/schemas/zod.ts (zod/mini, English messages), never classic zod', () => {
    // Prepare: classic zod's `z` keeps every locale and builds heavy schemas; one such import
    // puts ~400 KB and tens of milliseconds back into a function's cold start.
    const files = [...sourceFiles('shared'), ...sourceFiles('functions')].filter(
      (file) => file !== path.join('shared', 'schemas', 'zod.ts'),
    );

    // Act
    const offenders = files.filter((file) =>
      /from ['"]zod(?:\/[^'"]*)?['"]/.test(readFileSync(path.join(ROOT, file), 'utf8')),
    );

    // Assess
    expect(offenders).toEqual([]);
  });

  it('builds every module-level schema inside a pure-annotated z.moduleSchema, so bundles drop unused ones', () => {
    // Prepare: esbuild ignores zod's @__NO_SIDE_EFFECTS__ across files (evanw/esbuild#4369); an
    // unwrapped module-level schema is built at every cold start of every function importing its
    // module. The route table is read at synth and by the OpenAPI generator only.
    const files = [...sourceFiles('shared'), ...sourceFiles('functions')].filter(
      (file) =>
        file !== path.join('shared', 'schemas', 'zod.ts') &&
        file !== path.join('shared', 'definitions', 'route-definitions.ts'),
    );

    // Act
    const offenders = files.flatMap((file) => {
      const source = ts.createSourceFile(
        file,
        readFileSync(path.join(ROOT, file), 'utf8'),
        ts.ScriptTarget.Latest,
        true,
      );
      return source.statements.filter(ts.isVariableStatement).flatMap((statement) =>
        statement.declarationList.declarations.flatMap((declaration) => {
          // A schema factory (an arrow function) builds nothing at load.
          if (declaration.initializer && ts.isArrowFunction(declaration.initializer)) return [];
          const init = declaration.initializer?.getFullText(source).trim() ?? '';
          const buildsSchema = /(^|[^.\w])z\.\w+\(/.test(init);
          const wrapped = init.startsWith('/* @__PURE__ */ z.moduleSchema(() =>');
          return buildsSchema && !wrapped ? [`${file}: ${declaration.name.getText(source)}`] : [];
        }),
      );
    });

    // Assess
    expect(offenders).toEqual([]);
  });
});
