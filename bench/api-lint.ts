/**
 * Spectral (`spectral:oas` + the OWASP API ruleset, as configured in .spectral.yaml) on the
 * generated docs/openapi.json, counted by severity for the benchmark report.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../infra/project-root.ts';

/** Spectral's findings on main's document before the OpenAPI work (issue 19), same rulesets. */
export const SPECTRAL_BEFORE = { errors: 205, warnings: 122 };

export function spectralCounts(): { errors: number; warnings: number } {
  const bin = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'spectral');
  const run = spawnSync(bin, ['lint', 'docs/openapi.json', '-f', 'json', '-q'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const findings = JSON.parse(run.stdout || '[]') as { severity: number }[];
  return {
    errors: findings.filter((f) => f.severity === 0).length,
    warnings: findings.filter((f) => f.severity === 1).length,
  };
}
