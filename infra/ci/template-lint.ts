import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SUPPORTED_REGIONS } from '../../shared/config/regions.ts';

/** cfn-lint warnings the synthesized templates keep, each with why. Everything else fails. */
export const KEPT_WARNINGS: Readonly<Record<string, string>> = {
  W3005:
    'CDK adds an explicit DependsOn from each function to its role next to the Fn::GetAtt of the role; redundant, harmless, and not ours to remove.',
};

/** One cfn-lint finding, as its JSON output gives it. */
export interface LintFinding {
  Filename: string;
  Level: 'Error' | 'Warning' | 'Informational';
  Message: string;
  Rule: { Id: string };
  Location: { Path: (string | number)[] };
}

/** Throws a clear error when cfn-lint is not installed. */
export function assertCfnLint(): string {
  const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    throw new Error('cfn-lint is not installed: `pip install cfn-lint` (the templates are linted with it)');
  }
  return version.stdout.trim();
}

/** Runs cfn-lint on `files` for `regions`; returns every finding (kept warnings included). */
export function lintTemplates(
  files: readonly string[],
  regions: readonly string[] = SUPPORTED_REGIONS,
): LintFinding[] {
  assertCfnLint();
  const result = spawnSync('cfn-lint', ['--format', 'json', '--regions', ...regions, '--', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0 && !result.stdout.trim().startsWith('[')) {
    throw new Error(`cfn-lint failed (${result.status}): ${result.stderr || result.stdout}`);
  }
  return JSON.parse(result.stdout || '[]') as LintFinding[];
}

/** The findings that fail a build: errors, and warnings not in {@link KEPT_WARNINGS}. */
export function failingFindings(findings: readonly LintFinding[]): LintFinding[] {
  return findings.filter((f) => f.Level === 'Error' || !(f.Rule.Id in KEPT_WARNINGS));
}

/** One line per finding: rule, file, path and message. */
export function formatFinding(finding: LintFinding): string {
  return `${finding.Rule.Id} ${path.basename(finding.Filename)} ${finding.Location.Path.join('/')}: ${finding.Message}`;
}

// CLI (.ci/run): lint every template in cdk.out (or the files given) for every supported region.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const given = process.argv.slice(2);
  const files = given.length
    ? given
    : readdirSync('cdk.out')
        .filter((f) => f.endsWith('.template.json'))
        .map((f) => path.join('cdk.out', f));
  try {
    console.log(`${assertCfnLint()}: ${files.join(', ')} for ${SUPPORTED_REGIONS.length} regions`);
    const findings = lintTemplates(files);
    const failing = failingFindings(findings);
    for (const [id, reason] of Object.entries(KEPT_WARNINGS)) {
      const count = findings.filter((f) => f.Rule.Id === id && f.Level !== 'Error').length;
      if (count) console.log(`kept ${count} × ${id}: ${reason}`);
    }
    for (const finding of failing) console.error(formatFinding(finding));
    console.log(`cfn-lint: ${failing.length} failing finding(s)`);
    process.exit(failing.length ? 1 : 0);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
