import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  type CfnElement,
  DockerImage,
  Duration,
  Names,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
} from 'aws-cdk-lib';
import {
  AllowedMethods,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  CfnManagedLoginBranding,
  ManagedLoginVersion,
  OAuthScope,
  type UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { PROJECT_ROOT } from '../project-root.ts';

/** The console's path on its CloudFront distribution (the SPA is built with this base). */
export const CONSOLE_PATH = '/console/';

/**
 * The staff console when deployed: a private S3 bucket behind CloudFront (origin access
 * control), a response-headers policy with a strict CSP, HSTS and no framing, Cognito managed
 * login (a domain and an app client for the authorization-code flow with PKCE), and the SPA's
 * runtime `config.json` written by the stack. Built with Vite on this machine at synth (no Docker).
 *
 * Made in two steps: the distribution first (the API's CORS and the staff emails need its URL),
 * then {@link StaffConsole.connect} once the API and its user pool exist.
 */
export class StaffConsole extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** `https://<id>.cloudfront.net` (no trailing slash). */
  readonly origin: string;
  /** The console's URL: `https://<id>.cloudfront.net/console`. */
  readonly url: string;
  client: UserPoolClient | undefined;
  domain: UserPoolDomain | undefined;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: false,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only the public build of the console, read through CloudFront; requests are visible in CloudFront metrics.',
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Service Feedback staff console',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        responseHeadersPolicy: this.#securityHeaders(),
      },
      defaultRootObject: 'console/index.html',
      // The SPA answers its own deep links (a shared drill-down URL): S3 has no such key.
      errorResponses: [403, 404].map((status) => ({
        httpStatus: status,
        responseHttpStatus: 200,
        responsePagePath: `${CONSOLE_PATH}index.html`,
        ttl: Duration.seconds(10),
      })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
    });
    for (const [ruleId, reason] of [
      ['AwsSolutions-CFR1', 'Staff may work from any country; sign-in (Cognito with MFA) is the control.'],
      ['AwsSolutions-CFR2', 'Static files only; the API behind it has its own throttling and optional WAF.'],
      ['AwsSolutions-CFR3', 'Static, public build files: access logs would add cost without audit value.'],
      [
        'AwsSolutions-CFR4',
        'The default *.cloudfront.net certificate; a custom domain with TLS 1.2 policy is a deployer choice.',
      ],
    ] as const)
      Validations.of(this.distribution).acknowledge({ id: ruleId, reason });
    this.origin = `https://${this.distribution.distributionDomainName}`;
    this.url = `${this.origin}${CONSOLE_PATH.replace(/\/$/, '')}`;
  }

  #securityHeaders(): ResponseHeadersPolicy {
    return new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Strict CSP, HSTS, no framing for the staff console',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: this.#csp(),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
  }

  #csp(): string {
    const region = Stack.of(this).region;
    const suffix = Stack.of(this).urlSuffix;
    // API Gateway and Cognito hosts in this region; the exact API is fixed by CORS on its side.
    return [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      `connect-src 'self' https://*.execute-api.${region}.${suffix} https://cognito-idp.${region}.amazonaws.com https://*.auth.${region}.amazoncognito.com`,
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ].join('; ');
  }

  /**
   * Adds the Cognito managed-login domain and the console's app client to the staff pool and
   * writes the built console with its `config.json` (API URL, pool, client id) to the bucket.
   */
  connect(props: { pool: UserPool; apiUrl: string; timezone: string; domainPrefix?: string }): void {
    const stack = Stack.of(this);
    const prefix =
      props.domainPrefix ??
      `sf-${Names.uniqueId(this)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .slice(-24)}`;
    this.domain = props.pool.addDomain('ManagedLogin', {
      cognitoDomain: { domainPrefix: prefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.client = props.pool.addClient('ConsoleClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${this.url}/callback`],
        logoutUrls: [`${this.url}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
      preventUserExistenceErrors: true,
    });
    new CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: props.pool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    const config = {
      apiUrl: props.apiUrl.replace(/\/+$/, ''),
      timezone: props.timezone,
      auth: {
        mode: 'cognito',
        authority: `https://cognito-idp.${stack.region}.amazonaws.com/${props.pool.userPoolId}`,
        clientId: this.client.userPoolClientId,
        domain: `https://${prefix}.auth.${stack.region}.amazoncognito.com`,
      },
    };
    new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      destinationKeyPrefix: CONSOLE_PATH.slice(1),
      sources: [consoleBuildSource(), Source.jsonData('config.json', config)],
      distribution: this.distribution,
      distributionPaths: [`${CONSOLE_PATH}*`],
      memoryLimit: 256,
    });
    // BucketDeployment's function is a singleton at the stack's root, shared by every deployment;
    // cdk-nag reports each wildcard on its own, so each is acknowledged by name.
    const bucketLogicalId = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
    const wildcards = [
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      'Action::s3:GetBucket*',
      'Action::s3:GetObject*',
      'Action::s3:List*',
      'Resource::*',
      `Resource::<${bucketLogicalId}.Arn>/*`,
      `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*`,
      `Resource::arn:aws:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*`,
      // With a concrete account only: an unresolved one (a synth without credentials) is a token,
      // which cannot be part of an acknowledgement's id.
      ...(Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)
        ? []
        : [
            `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${stack.account}-${stack.region}/*`,
            `Resource::arn:aws:s3:::cdk-hnb659fds-assets-${stack.account}-${stack.region}/*`,
          ]),
    ];
    for (const target of stack.node.children.filter((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    )) {
      Validations.of(target).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'CDK’s BucketDeployment custom resource uses the AWS managed basic-execution policy for its logs.',
      });
      for (const wildcard of wildcards)
        Validations.of(target).acknowledge({
          id: `AwsSolutions-IAM5[${wildcard}]`,
          reason:
            'CDK’s BucketDeployment reads its staged asset and writes every object into the console bucket (object wildcards; CloudFront invalidation has no resource-level permission).',
        });
    }
    Validations.of(stack).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The runtime of CDK’s own custom-resource functions (BucketDeployment, auto-delete) is chosen by CDK.',
    });
  }
}

/**
 * The console's files, built by Vite on this machine when the asset is staged (local bundling:
 * no Docker). Skipped, like every bundle, when synth runs with bundling off (the template tests).
 */
function consoleBuildSource() {
  const consoleDir = path.join(PROJECT_ROOT, 'console');
  return Source.asset(consoleDir, {
    exclude: ['dist', 'dist.*'],
    bundling: {
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-slim'),
      local: {
        tryBundle(outputDir: string) {
          execFileSync(
            process.execPath,
            [
              path.join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
              'build',
              '--config',
              path.join(consoleDir, 'vite.config.ts'),
              '--outDir',
              outputDir,
              '--emptyOutDir',
            ],
            { cwd: PROJECT_ROOT, stdio: 'inherit' },
          );
          return true;
        },
      },
    },
  });
}
