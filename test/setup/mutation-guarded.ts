/**
 * Runs Stryker on the lines behind the seven mutants a review found surviving (issue 20).
 * The lines are found by their text, not by number, so edits elsewhere in a file never
 * move the check onto the wrong line; a guarded line that no longer exists fails the run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A guarded line: the first line containing `text`, after the first containing `after`. */
interface GuardedLine {
  file: string;
  text: string;
  after?: string;
}

const GUARDED: readonly GuardedLine[] = [
  { file: 'shared/services/workflow-service.ts', text: '!tokensMatch(token, record.survey.token)' },
  {
    file: 'shared/definitions/route-definitions.ts',
    after: "path: '/v1/feedback/{id}',",
    text: "auth: 'staff'",
  },
  { file: 'shared/domain/priority-policy.ts', text: 'const complaint = isComplaint(facts.type)' },
  { file: 'shared/domain/snapshot-math.ts', text: 'const FIRST_RESPONSE_ACTIONS = new Set(' },
  { file: 'shared/domain/snapshot-math.ts', text: 'this.#counts.complaintsClosed += 1' },
  {
    file: 'shared/domain/triage.ts',
    text: 'const raise = PRIORITY_RANK[retriaged.priority] < PRIORITY_RANK[current]',
  },
  { file: 'shared/domain/workflow.ts', text: "reopen: ['resolved', 'closed']" },
];

/** The 1-based line number of a guarded line; throws when the text is gone. */
export function lineOf(source: string, guarded: GuardedLine): number {
  const lines = source.split('\n');
  const start = guarded.after ? lines.findIndex((line) => line.includes(guarded.after as string)) : 0;
  const index = start < 0 ? -1 : lines.findIndex((line, i) => i >= start && line.includes(guarded.text));
  if (index < 0) throw new Error(`guarded line not found in ${guarded.file}: ${guarded.text}`);
  return index + 1;
}

const base = JSON.parse(readFileSync(path.join(ROOT, 'stryker.guarded.config.json'), 'utf8'));
const mutate = [
  'shared/domain/complaint.ts',
  ...GUARDED.map((guarded) => {
    const line = lineOf(readFileSync(path.join(ROOT, guarded.file), 'utf8'), guarded);
    return `${guarded.file}:${line}-${line}`;
  }),
];
mkdirSync(path.join(ROOT, 'reports'), { recursive: true });
const resolved = path.join(ROOT, 'reports', 'stryker.guarded.resolved.json');
writeFileSync(resolved, JSON.stringify({ ...base, mutate }, null, 2));
console.log(`guarded lines: ${mutate.join(', ')}`);
const run = spawnSync('npx', ['stryker', 'run', resolved], { cwd: ROOT, stdio: 'inherit' });
process.exit(run.status ?? 1);
