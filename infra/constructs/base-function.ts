import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  type CfnFunction,
  type IFunction,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type FunctionDefinition, heapFlags } from '../../shared/definitions/function-definitions.ts';
import { BUNDLE_ENTRY_MODULE, functionCode } from './function-bundle.ts';

export interface BaseFunctionProps {
  definition: FunctionDefinition;
  environment: Record<string, string>;
  /** How long the function's logs are kept. */
  logRetention?: RetentionDays;
}

/**
 * A Lambda function with the project's runtime defaults: Node.js 24 on arm64, bundled as
 * minified, code-split ESM ({@link functionCode}), JSON logs kept for a set time, X-Ray
 * tracing. Grants are added per function by the stack, never here, except X-Ray's.
 *
 * Actions that IAM cannot scope to a resource (X-Ray, Comprehend detection, DynamoDB
 * `ListStreams`) go to a separate policy, {@link BaseFunction.unscopedPolicy}, the only place
 * `AwsSolutions-IAM5[Resource::*]` is acknowledged: a wildcard resource anywhere else is a finding.
 */
export class BaseFunction extends Construct {
  readonly function: LambdaFunction;
  readonly unscopedPolicy: Policy;

  constructor(scope: Construct, id: string, props: BaseFunctionProps) {
    super(scope, id);
    const { definition } = props;
    const nodeOptions = heapFlags(definition.heapLimits).join(' ');
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new LambdaFunction(this, 'Function', {
      code: functionCode(definition.entry),
      handler: `${BUNDLE_ENTRY_MODULE}.${definition.handler}`,
      description: definition.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      environment: nodeOptions ? { ...props.environment, NODE_OPTIONS: nodeOptions } : props.environment,
    });

    // Tracing is switched on here rather than with `tracing:`, which would put X-Ray's
    // unscoped statement into the function's default policy next to the scoped grants.
    (this.function.node.defaultChild as CfnFunction).tracingConfig = { mode: 'Active' };
    this.unscopedPolicy = new Policy(this, 'UnscopedPolicy', {
      statements: [
        new PolicyStatement({
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      ],
    });
    this.function.role?.attachInlinePolicy(this.unscopedPolicy);
    Validations.of(this.unscopedPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only actions without resource-level permissions live in this policy: X-Ray PutTraceSegments/PutTelemetryRecords, Comprehend real-time detection, DynamoDB ListStreams.',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The AWS managed basic execution policy only lets the function write its own logs.',
    });
  }

  /** The function as an IFunction, for event sources and integrations. */
  get handle(): IFunction {
    return this.function;
  }
}
