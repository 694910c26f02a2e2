import { describe, expect, inject, it } from 'vitest';
import {
  failingFindings,
  formatFinding,
  KEPT_WARNINGS,
  lintTemplates,
} from '../../infra/ci/template-lint.ts';
import { SUPPORTED_REGIONS } from '../../shared/config/regions.ts';
import { CONFIGURATIONS, type ConfigurationName, TEST_ENV } from '../helpers/synth.ts';

const templateFile = (name: ConfigurationName) => inject('synthesized')[name].templateFile;

describe('cfn-lint on every template the tests synthesize', () => {
  it('finds no error in the default template in any supported region, and flags a region without SES configuration sets', () => {
    const findings = lintTemplates([templateFile('default')], [...SUPPORTED_REGIONS, 'ap-east-1']);

    const failing = failingFindings(findings).map(formatFinding);
    expect(failing).toEqual([
      expect.stringMatching(/^E3006 .*AWS::SES::ConfigurationSet' does not exist in 'ap-east-1'$/),
    ]);
  });

  it('finds no error in the other configurations', () => {
    const others = (Object.keys(CONFIGURATIONS) as ConfigurationName[]).filter((n) => n !== 'default');

    const findings = lintTemplates(others.map(templateFile), [TEST_ENV.region]);

    expect(failingFindings(findings).map(formatFinding)).toEqual([]);
    expect(Object.keys(KEPT_WARNINGS)).toEqual(['W3005']);
  });
});
