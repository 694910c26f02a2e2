/**
 * Rewrites classic zod chains to zod/mini, type-directed (what moved the schemas in issue 16):
 * `.max(n)` on a string or array → `.check(z.maxLength(n))`, on a number → `z.lte(n)`; `.optional()`
 * → `z.optional(x)`; `.default(v)` → `z._default(x, v)`; `.meta(m)`/`.describe(d)` →
 * `z.withMeta`/`z.withDescription` (classic's clone-and-register); `.transform(f)` → `z.pipe(x,
 * z.transform(f))`. For a branch that merged classic schemas: run it on the files, then point their
 * `import { z } from 'zod'` at shared/schemas/zod.ts, typecheck, and compare `npm run openapi`.
 * Usage: node --import tsx infra/tools/zod-mini-codemod.ts <file.ts>…
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from '../project-root.ts';

const ROOT = PROJECT_ROOT;
const files = process.argv.slice(2).map((f) => path.resolve(ROOT, f));
const cfg = ts.getParsedCommandLineOfConfigFile(
  path.join(ROOT, 'tsconfig.json'),
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
);
if (!cfg) throw new Error('tsconfig.json not readable');
const program = ts.createProgram(cfg.fileNames, cfg.options);
const checker = program.getTypeChecker();
const CHECKS: Record<string, (cat: string) => string | undefined> = {
  max: (c) => (c === 'number' ? 'lte' : 'maxLength'),
  min: (c) => (c === 'number' ? 'gte' : 'minLength'),
  length: () => 'length',
  positive: () => 'positive',
  nonnegative: () => 'nonnegative',
  trim: () => 'trim',
  toLowerCase: () => 'toLowerCase',
  regex: () => 'regex',
  gt: () => 'gt',
  gte: () => 'gte',
  lt: () => 'lt',
  lte: () => 'lte',
  refine: () => 'refine',
  superRefine: () => 'superRefine',
  startsWith: () => 'startsWith',
  endsWith: () => 'endsWith',
  includes: () => 'includes',
};
const WRAP: Record<string, string> = {
  meta: 'withMeta',
  describe: 'withDescription',
  optional: 'optional',
  nullable: 'nullable',
  default: '_default',
  array: 'array',
  extend: 'extend',
  pick: 'pick',
  omit: 'omit',
  partial: 'partial',
  catch: 'catch',
  nullish: 'nullish',
};
const problems: string[] = [];
function zodCategory(expr: ts.Expression): string | undefined {
  const type = checker.getTypeAtLocation(expr);
  const sym = type.getSymbol() ?? type.aliasSymbol;
  if (!sym) return undefined;
  const decl = sym.getDeclarations()?.[0];
  if (!decl?.getSourceFile().fileName.includes('node_modules/zod/')) return undefined;
  const n = sym.getName();
  if (!n.startsWith('Zod')) return undefined;
  if (/Number|Int|Float/.test(n)) return 'number';
  if (/Array/.test(n)) return 'array';
  if (/String|Email|URL|ISO|UUID|GUID|CUID|Format/.test(n)) return 'string';
  return `other:${n}`;
}
for (const file of files) {
  const found = program.getSourceFile(file);
  if (!found) throw new Error(`${file} is not part of the TypeScript project`);
  const sf: ts.SourceFile = found;
  const text = sf.getFullText();
  const flat = (r: { base: string; checks: string[] }) =>
    r.checks.length ? `${r.base}.check(${r.checks.join(', ')})` : r.base;
  function repr(node: ts.Node): { base: string; checks: string[] } {
    const t = transform(node);
    if (t) return t;
    return { base: rewriteGeneric(node), checks: [] };
  }
  function transform(node: ts.Node): { base: string; checks: string[] } | undefined {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
    const method = node.expression.name.text;
    const recv = node.expression.expression;
    if (!(method in CHECKS) && !(method in WRAP) && method !== 'transform' && method !== 'int')
      return undefined;
    const cat = zodCategory(recv);
    if (!cat) return undefined;
    const args = node.arguments.map((a) => rewrite(a));
    const r = repr(recv);
    if (method in CHECKS) {
      if (cat.startsWith('other') && !['refine', 'superRefine'].includes(method))
        problems.push(
          `${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${method} on ${cat}`,
        );
      return { base: r.base, checks: [...r.checks, `z.${CHECKS[method]?.(cat)}(${args.join(', ')})`] };
    }
    if (method === 'int') {
      problems.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1} int()`);
      return { base: r.base, checks: [...r.checks, 'z.int() /*FIXME*/'] };
    }
    if (method === 'transform')
      return { base: `z.pipe(${flat(r)}, z.transform(${args.join(', ')}))`, checks: [] };
    return { base: `z.${WRAP[method]}(${[flat(r), ...args].join(', ')})`, checks: [] };
  }
  function rewriteGeneric(node: ts.Node): string {
    const kids = node.getChildren(sf);
    if (kids.length === 0) return text.slice(node.getStart(sf), node.getEnd());
    let out = '';
    let pos = node.getStart(sf);
    for (const child of kids) {
      if (ts.isJSDoc(child)) continue;
      const cs = child.getStart(sf);
      out += text.slice(pos, cs) + rewrite(child);
      pos = child.getEnd();
    }
    return out + text.slice(pos, node.getEnd());
  }
  function rewrite(node: ts.Node): string {
    const t = transform(node);
    return t ? flat(t) : rewriteGeneric(node);
  }
  const out = text.slice(0, sf.getStart(sf)) + rewriteGeneric(sf);
  writeFileSync(file, out);
}
console.log(problems.join('\n'));
