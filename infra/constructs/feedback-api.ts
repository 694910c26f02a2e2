import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  type IApiKey,
  type IResource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  Period,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { StackConfig } from '../../shared/config/stack-config.ts';
import type { FunctionName } from '../../shared/definitions/function-definitions.ts';
import type { RouteDefinition } from '../../shared/definitions/route-definitions.ts';

export interface FeedbackApiProps {
  routes: readonly RouteDefinition[];
  /** The function behind each route's `function` name. */
  functions: Record<FunctionName, IFunction>;
  integrations: StackConfig['integrations'];
  /** Method throttling for public writes without a key (routes with `throttle: 'publicForm'`). */
  publicFormThrottle: StackConfig['publicFormThrottle'];
  /** The optional WAF rate rule (off by default). */
  publicFormWaf: StackConfig['publicFormWaf'];
  /** Origins allowed to call the API from a browser (the console's); none when empty. */
  corsOrigins?: readonly string[];
  /** Stage-wide throttle, on top of each integration's usage plan. */
  stageThrottle?: { rateLimit: number; burstLimit: number };
}

/** The stage the API is deployed to; part of every deployed URL. */
export const API_STAGE_NAME = 'live';

/** Gateway-made refusals answer with the contract's error body too. */
const GATEWAY_ERRORS: { type: ResponseType; status: string; code: string }[] = [
  { type: ResponseType.UNAUTHORIZED, status: '401', code: 'unauthorized' },
  { type: ResponseType.ACCESS_DENIED, status: '403', code: 'forbidden' },
  { type: ResponseType.INVALID_API_KEY, status: '403', code: 'forbidden' },
  { type: ResponseType.MISSING_AUTHENTICATION_TOKEN, status: '404', code: 'not_found' },
  { type: ResponseType.THROTTLED, status: '429', code: 'too_many_requests' },
  { type: ResponseType.QUOTA_EXCEEDED, status: '429', code: 'too_many_requests' },
  { type: ResponseType.REQUEST_TOO_LARGE, status: '413', code: 'payload_too_large' },
  { type: ResponseType.UNSUPPORTED_MEDIA_TYPE, status: '415', code: 'unsupported_media_type' },
  { type: ResponseType.DEFAULT_4XX, status: '400', code: 'validation_error' },
  { type: ResponseType.DEFAULT_5XX, status: '500', code: 'internal_error' },
];

/**
 * The REST API from the shared route table. Channel integrations each get an API key and a
 * usage plan (their own throttle and quota); staff routes use a Cognito user-pool authorizer;
 * customer routes are public. Access logs go to their own log group.
 */
export class FeedbackApi extends Construct {
  readonly api: RestApi;
  readonly staffPool: UserPool;
  readonly staffClient: UserPoolClient;
  /** Each channel integration's API key, by integration name. */
  readonly apiKeys: Record<string, IApiKey> = {};

  constructor(scope: Construct, id: string, props: FeedbackApiProps) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const throttle = props.stageThrottle ?? { rateLimit: 100, burstLimit: 200 };
    const stackName = Stack.of(this).stackName;
    this.api = new RestApi(this, 'Api', {
      // Named after the stack: two stacks' 5xx alarms must not share the ApiName dimension.
      restApiName: `${stackName}-api`,
      description: 'Service Feedback Stack API v1',
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      // API Gateway writes access logs through the account's CloudWatch role; a fresh account
      // has none, and the stage would fail to create. Retained: other APIs may rely on it.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: API_STAGE_NAME,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: MethodLoggingLevel.OFF,
        tracingEnabled: true,
        throttlingRateLimit: throttle.rateLimit,
        throttlingBurstLimit: throttle.burstLimit,
        // Public writes without a key share one small bucket, whoever sends them.
        methodOptions: Object.fromEntries(
          props.routes
            .filter((route) => route.throttle === 'publicForm')
            .map((route) => [
              `${route.path}/${route.method}`,
              {
                throttlingRateLimit: props.publicFormThrottle.rateLimit,
                throttlingBurstLimit: props.publicFormThrottle.burstLimit,
              },
            ]),
        ),
      },
      ...(props.corsOrigins?.length
        ? {
            defaultCorsPreflightOptions: {
              allowOrigins: [...props.corsOrigins],
              allowMethods: ['GET', 'POST', 'OPTIONS'],
              allowHeaders: ['Authorization', 'Content-Type', 'Accept', 'Accept-Language'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    if (props.publicFormWaf.enabled) this.addWafRateRule(props.publicFormWaf.limitPer5Minutes);
    for (const { type, status, code } of GATEWAY_ERRORS) {
      this.api.addGatewayResponse(`Gateway${type.responseType}`, {
        type,
        statusCode: status,
        responseHeaders: {
          'content-type': "'application/json'",
          // A refusal the console's browser can read (CORS), for its origin only.
          ...(props.corsOrigins?.length === 1
            ? { 'Access-Control-Allow-Origin': `'${props.corsOrigins[0]}'` }
            : {}),
        },
        templates: {
          'application/json': `{"error":{"code":"${code}","message":$context.error.messageString}}`,
        },
      });
    }

    this.staffPool = new UserPool(this, 'StaffPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.staffClient = this.staffPool.addClient('StaffClient', {
      authFlows: { userSrp: true, userPassword: true },
      idTokenValidity: Duration.hours(1),
      preventUserExistenceErrors: true,
      // No hosted-UI OAuth flows (CDK's default is the implicit flow to https://example.com).
      disableOAuth: true,
    });
    const staffAuthorizer = new CognitoUserPoolsAuthorizer(this, 'StaffAuthorizer', {
      cognitoUserPools: [this.staffPool],
    });

    const resources = new Map<string, IResource>([['/', this.api.root]]);
    const resourceFor = (path: string): IResource => {
      const known = resources.get(path);
      if (known) return known;
      const parentPath = path.slice(0, path.lastIndexOf('/')) || '/';
      const created = resourceFor(parentPath).addResource(path.slice(path.lastIndexOf('/') + 1));
      resources.set(path, created);
      return created;
    };
    const integrations = new Map<FunctionName, LambdaIntegration>();
    for (const route of props.routes) {
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new LambdaIntegration(props.functions[route.function], { allowTestInvoke: false });
        integrations.set(route.function, integration);
      }
      const method = resourceFor(route.path).addMethod(route.method, integration, {
        operationName: route.operationId,
        apiKeyRequired: route.auth === 'channel',
        ...(route.auth === 'staff'
          ? { authorizer: staffAuthorizer, authorizationType: AuthorizationType.COGNITO }
          : { authorizationType: AuthorizationType.NONE }),
      });
      if (route.auth !== 'staff') {
        const reason =
          route.auth === 'channel'
            ? 'Channel integrations authenticate with their API key and usage plan, not a user pool.'
            : 'Customer routes are public by design: an unguessable 192-bit token in the path is the credential.';
        Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason });
        Validations.of(method).acknowledge({ id: 'AwsSolutions-COG4', reason });
      }
    }
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'Requests are validated by the functions with zod, so every refusal carries the contract error body.',
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'Per-integration usage plans and stage throttling limit abuse; attach a WAF web ACL to the stage if your threat model needs one.',
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG6',
      reason: 'Access logs are on; execution logs would log request payloads (personal data).',
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'The account-wide role API Gateway needs to write access logs; the AWS managed policy is the documented one.',
    });

    for (const integration of props.integrations) {
      const key = this.api.addApiKey(`Key-${integration.name}`, {
        apiKeyName: `${stackName}-${integration.name}`,
        description: `Channel integration ${integration.name} (${stackName})`,
      });
      this.apiKeys[integration.name] = key;
      const plan = this.api.addUsagePlan(`Plan-${integration.name}`, {
        description: `Throttle and quota for ${integration.name}`,
        throttle: { rateLimit: integration.rateLimit, burstLimit: integration.burstLimit },
        ...(integration.dailyQuota ? { quota: { limit: integration.dailyQuota, period: Period.DAY } } : {}),
        apiStages: [{ stage: this.api.deploymentStage }],
      });
      plan.addApiKey(key);
    }
  }

  /**
   * An AWS WAF web ACL on the stage with one per-IP rate-based rule (requests per 5 minutes).
   * Off by default: it costs about US$5/month for the ACL, US$1/month per rule and US$0.60
   * per million requests inspected.
   */
  private addWafRateRule(limit: number): void {
    const acl = new CfnWebACL(this, 'PublicRateLimit', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: 'service-feedback-api',
        sampledRequestsEnabled: false,
      },
      rules: [
        {
          name: 'per-ip-rate',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit, aggregateKeyType: 'IP' } },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            metricName: 'service-feedback-per-ip-rate',
            sampledRequestsEnabled: false,
          },
        },
      ],
    });
    new CfnWebACLAssociation(this, 'PublicRateLimitAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: acl.attrArn,
    });
  }
}
