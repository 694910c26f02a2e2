import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GetAccountCommand, GetEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { COMPREHEND_REGIONS, deployabilityIssues, SUPPORTED_REGIONS } from '../../shared/config/regions.ts';
import { parseStackConfig, type StackConfig } from '../../shared/config/stack-config.ts';
import { PROJECT_ROOT } from '../project-root.ts';

/** One checked prerequisite: passed, or what is missing and how to fix it. */
export interface PreflightCheck {
  ok: boolean;
  what: string;
  fix?: string;
}

export interface PreflightResult {
  ok: boolean;
  checks: PreflightCheck[];
}

type IdentityStatus = 'verified' | 'unverified' | 'missing';

async function identityStatus(ses: SESv2Client, identity: string): Promise<IdentityStatus> {
  try {
    const answer = await ses.send(new GetEmailIdentityCommand({ EmailIdentity: identity }));
    return answer.VerifiedForSendingStatus ? 'verified' : 'unverified';
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFoundException') return 'missing';
    throw error;
  }
}

/** Verified itself or through its domain. */
async function addressVerified(ses: SESv2Client, address: string): Promise<boolean> {
  if ((await identityStatus(ses, address)) === 'verified') return true;
  return (await identityStatus(ses, address.split('@')[1] ?? address)) === 'verified';
}

/**
 * Checks, with the caller's credentials, what a first `cdk deploy` needs and cannot check itself:
 * credentials and a region, a region the stack serves (and Comprehend there when configured),
 * the SES sender verified, sending enabled, and in the SES sandbox the escalation addresses
 * verified too. Reads only; changes nothing.
 */
export async function preflight(config: StackConfig, ses: SESv2Client): Promise<PreflightResult> {
  const checks: PreflightCheck[] = [];
  try {
    await ses.config.credentials();
  } catch {
    return {
      ok: false,
      checks: [
        {
          ok: false,
          what: 'No AWS credentials found',
          fix: 'configure credentials for the target account (aws configure, AWS_PROFILE, or aws sso login), then run again',
        },
      ],
    };
  }
  let region: string | undefined;
  try {
    region = await ses.config.region();
  } catch {
    region = undefined;
  }
  if (!region) {
    return {
      ok: false,
      checks: [{ ok: false, what: 'No AWS region set', fix: 'set AWS_REGION or a region in your profile' }],
    };
  }
  checks.push({ ok: true, what: `credentials found; region ${region}` });

  const issues = deployabilityIssues(config, { region, allowExampleAddresses: false });
  checks.push(
    (SUPPORTED_REGIONS as readonly string[]).includes(region)
      ? { ok: true, what: `${region} has SES configuration sets and Cognito user pools` }
      : {
          ok: false,
          what: `${region} cannot serve this stack`,
          fix: `deploy to one of ${SUPPORTED_REGIONS.join(', ')}`,
        },
  );
  if (config.sentimentProvider === 'comprehend') {
    checks.push(
      (COMPREHEND_REGIONS as readonly string[]).includes(region)
        ? { ok: true, what: `Amazon Comprehend is available in ${region}` }
        : {
            ok: false,
            what: `Amazon Comprehend is not available in ${region}`,
            fix: 'set "sentimentProvider": "local" (the built-in scorer), or deploy to a Comprehend region',
          },
    );
  }
  for (const issue of issues.filter((i) => !i.startsWith('region:') && !i.startsWith('sentimentProvider:'))) {
    checks.push({
      ok: false,
      what: issue,
      fix: 'set it in the serviceFeedback context (README: Configuration)',
    });
  }

  try {
    const account = await ses.send(new GetAccountCommand({}));
    checks.push(
      account.SendingEnabled
        ? { ok: true, what: 'SES sending is enabled' }
        : {
            ok: false,
            what: 'SES sending is paused for this account',
            fix: 'see the SES console (reputation)',
          },
    );
    const sandbox = !account.ProductionAccessEnabled;
    checks.push({
      ok: true,
      what: sandbox
        ? 'SES is in the sandbox: mail goes only to verified addresses (request production access before customers get mail)'
        : 'SES has production access',
    });
    checks.push(
      (await addressVerified(ses, config.senderEmail))
        ? { ok: true, what: `sender ${config.senderEmail} is verified in SES` }
        : {
            ok: false,
            what: `sender ${config.senderEmail} is not verified in SES in ${region}`,
            fix: `aws sesv2 create-email-identity --email-identity ${config.senderEmail} (or verify its domain)`,
          },
    );
    if (sandbox) {
      for (const address of config.escalationEmails) {
        checks.push(
          (await addressVerified(ses, address))
            ? { ok: true, what: `escalation address ${address} is verified (needed in the sandbox)` }
            : {
                ok: false,
                what: `escalation address ${address} is not verified, and SES is in the sandbox`,
                fix: `aws sesv2 create-email-identity --email-identity ${address}, or request production access`,
              },
        );
      }
    }
  } catch (error) {
    checks.push({
      ok: false,
      what: `SES could not be queried: ${(error as Error).name}: ${(error as Error).message}`,
      fix: 'the caller needs ses:GetAccount and ses:GetEmailIdentity',
    });
  }
  return { ok: checks.every((c) => c.ok), checks };
}

/** The configuration `cdk deploy` would use: cdk.json's `serviceFeedback`, or the JSON given. */
export function configForPreflight(argument: string | undefined): StackConfig {
  if (argument) return parseStackConfig(JSON.parse(argument));
  const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const raw = cdkJson.context?.serviceFeedback;
  return parseStackConfig(typeof raw === 'string' ? JSON.parse(raw) : raw);
}

/** One line per check, ✔ or ✘ with its fix. */
export function formatPreflight(result: PreflightResult): string {
  const lines = result.checks.map((c) =>
    c.ok ? `✔ ${c.what}` : `✘ ${c.what}${c.fix ? `\n    → ${c.fix}` : ''}`,
  );
  lines.push(
    result.ok
      ? 'Ready for cdk deploy.'
      : 'Not ready: fix what is marked ✘, then run npm run preflight again.',
  );
  return lines.join('\n');
}

// npm run preflight [-- '<serviceFeedback JSON>']
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const config = configForPreflight(process.argv[2]);
    const ses = new SESv2Client({});
    const result = await preflight(config, ses);
    console.log(formatPreflight(result));
    process.exitCode = result.ok ? 0 : 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
