import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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
});
