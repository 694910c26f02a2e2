import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetAccountCommand, GetEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { formatPreflight, preflight } from '../../../infra/preflight/preflight.ts';
import { parseStackConfig } from '../../../shared/config/stack-config.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const CREDENTIALS = { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' };
const config = parseStackConfig({
  senderEmail: 'feedback@yourco.com',
  escalationEmails: ['lead@yourco.com'],
});

function sesIn(region: string, verified: string[], account: { sandbox: boolean; sending?: boolean }) {
  const client = new SESv2Client({ region, credentials: CREDENTIALS });
  const mock = mockClient(client);
  mock.on(GetAccountCommand).resolves({
    ProductionAccessEnabled: !account.sandbox,
    SendingEnabled: account.sending ?? true,
  });
  mock.on(GetEmailIdentityCommand).callsFake((input: { EmailIdentity: string }) => {
    if (verified.includes(input.EmailIdentity)) return { VerifiedForSendingStatus: true };
    throw Object.assign(new Error('not found'), { name: 'NotFoundException' });
  });
  return client;
}

describe('npm run preflight', () => {
  it('passes when the region serves the stack and SES is ready', async () => {
    const ses = sesIn('eu-west-1', ['yourco.com'], { sandbox: false });

    const result = await preflight(config, ses);

    expect(result.ok).toBe(true);
    expect(formatPreflight(result)).toContain('Ready for cdk deploy.');
  });

  it('names an unverified sender, sandbox recipients, and Comprehend missing in the region', async () => {
    const ses = sesIn('eu-north-1', [], { sandbox: true });

    const result = await preflight(config, ses);
    const failed = result.checks.filter((c) => !c.ok).map((c) => c.what);

    expect(result.ok).toBe(false);
    expect(failed).toEqual([
      'Amazon Comprehend is not available in eu-north-1',
      'sender feedback@yourco.com is not verified in SES in eu-north-1',
      'escalation address lead@yourco.com is not verified, and SES is in the sandbox',
    ]);
  });

  it('refuses a region the stack cannot serve and example addresses', async () => {
    const ses = sesIn('ap-east-1', [], { sandbox: false });

    const result = await preflight(parseStackConfig({ sentimentProvider: 'local' }), ses);
    const failed = result.checks.filter((c) => !c.ok).map((c) => c.what);

    expect(failed).toEqual(
      expect.arrayContaining([
        'ap-east-1 cannot serve this stack',
        'senderEmail: feedback@example.com is an example address; set a sender verified in SES',
      ]),
    );
  });

  it('says plainly that there are no credentials, and exits non-zero', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'no-aws-'));

    const run = spawnSync(process.execPath, ['--import', 'tsx', 'infra/preflight/preflight.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        AWS_REGION: 'eu-west-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      timeout: 60_000,
    });

    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✘ No AWS credentials found');
  }, 60_000);
});
