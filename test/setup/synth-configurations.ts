import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  CONFIGURATIONS,
  type ConfigurationName,
  type SynthesizedConfiguration,
  synthesizeWithNag,
} from '../helpers/synth.ts';

/**
 * Synthesizes each shared configuration once for the whole infra project (synths take seconds),
 * with cdk-nag, and hands the template files to the tests. A failed synth is reported by the
 * tests that read it, with cdk-nag's findings.
 */
export default function setup(project: TestProject) {
  const root = mkdtempSync(path.join(tmpdir(), 'feedback-synth-'));
  const synthesized = {} as Record<ConfigurationName, SynthesizedConfiguration>;
  for (const [name, config] of Object.entries(CONFIGURATIONS) as [ConfigurationName, object][]) {
    const outdir = path.join(root, name);
    mkdirSync(outdir, { recursive: true });
    const templateFile = path.join(outdir, 'template.json');
    try {
      const { template } = synthesizeWithNag(config, { outdir: path.join(outdir, 'cdk.out') });
      writeFileSync(templateFile, JSON.stringify(template, null, 1));
      synthesized[name] = { templateFile };
    } catch (error) {
      synthesized[name] = { templateFile, error: error instanceof Error ? error.message : String(error) };
    }
  }
  project.provide('synthesized', synthesized);
}
