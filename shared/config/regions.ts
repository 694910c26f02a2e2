/**
 * Regions the stack deploys to: every commercial AWS region with the SES v2 API (the stack's
 * configuration set and sending), Amazon Cognito user pools and EventBridge Scheduler, taken
 * from botocore 1.43 endpoint data and checked by `cfn-lint --regions` on every synthesized
 * template (test/infra/template-lint.test.ts). China (`aws-cn`) has no SES configuration sets
 * and no Cognito user pools, so it is not among them; `ca-west-1` has no EventBridge archives
 * (the domain-event bus keeps one).
 */
export const SUPPORTED_REGIONS = [
  'af-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-5',
  'ca-central-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
] as const;

/**
 * Regions with Amazon Comprehend's real-time sentiment and language detection (botocore 1.43).
 * Elsewhere `sentimentProvider` must be `local`.
 */
export const COMPREHEND_REGIONS = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'us-east-1',
  'us-east-2',
  'us-west-2',
] as const;

/** Domains reserved for examples (RFC 2606 / RFC 6761): mail to them never arrives. */
const PLACEHOLDER_DOMAIN = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/i;

/** True when `address` is at a domain reserved for examples, such as the defaults' example.com. */
export function isPlaceholderAddress(address: string): boolean {
  return PLACEHOLDER_DOMAIN.test(address.split('@')[1] ?? '');
}

/**
 * Why a configuration would deploy but not work in `region`, each naming its field: an
 * unsupported region, Comprehend where it does not exist and, unless `allowExampleAddresses`
 * (tests, CI), addresses still at example domains. `region` is undefined for an
 * environment-agnostic synth; the template then refuses other regions itself (a Rules section).
 */
export function deployabilityIssues(
  config: {
    senderEmail: string;
    escalationEmails: readonly string[];
    alarmEmail?: string | undefined;
    inboundEmailAddress?: string | undefined;
    sentimentProvider: 'comprehend' | 'local';
  },
  options: { region: string | undefined; allowExampleAddresses: boolean },
): string[] {
  const issues: string[] = [];
  const { region } = options;
  if (region !== undefined && !(SUPPORTED_REGIONS as readonly string[]).includes(region)) {
    issues.push(
      `region: ${region} lacks SES configuration sets or Cognito user pools; deploy to one of ${SUPPORTED_REGIONS.join(', ')}`,
    );
  }
  if (
    region !== undefined &&
    config.sentimentProvider === 'comprehend' &&
    !(COMPREHEND_REGIONS as readonly string[]).includes(region)
  ) {
    issues.push(
      `sentimentProvider: Amazon Comprehend is not available in ${region}; set "local" or deploy to one of ${COMPREHEND_REGIONS.join(', ')}`,
    );
  }
  if (!options.allowExampleAddresses) {
    if (isPlaceholderAddress(config.senderEmail))
      issues.push(`senderEmail: ${config.senderEmail} is an example address; set a sender verified in SES`);
    config.escalationEmails.forEach((address, i) => {
      if (isPlaceholderAddress(address))
        issues.push(`escalationEmails.${i}: ${address} is an example address; set your staff's addresses`);
    });
    if (config.alarmEmail && isPlaceholderAddress(config.alarmEmail))
      issues.push(`alarmEmail: ${config.alarmEmail} is an example address`);
    if (config.inboundEmailAddress && isPlaceholderAddress(config.inboundEmailAddress))
      issues.push(
        `inboundEmailAddress: ${config.inboundEmailAddress} is an example address; set an address at a domain you verified in SES`,
      );
  }
  return issues;
}
