import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  LogLevel,
  Pass,
  StateMachine,
  Succeed,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { RunAgain } from '../../shared/definitions/trigger-definitions.ts';

export interface RunUntilDoneProps {
  /** A function that answers `{ next }` ({@link RunAgain}) while its work is not done. */
  function: LambdaFunction;
  /** Longest a whole computation may take, all runs together. */
  timeout: Duration;
}

/** The answer field that asks for another run (`RunAgain.next`). */
const NEXT: keyof RunAgain = 'next';

/**
 * A Step Functions loop for work that outgrows one Lambda run: invoke the function with the
 * execution's input; while it answers `{ next }`, invoke it again with `next`. A run that
 * fails (a timeout included) is retried twice with the same input; the function's own
 * checkpoint makes a retry go on from where the failed run got to. Executions are logged
 * (every state, with their small inputs: schedule names and instants) and traced.
 */
export class RunUntilDone extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: RunUntilDoneProps) {
    super(scope, id);
    // No `payload`: the state's input goes to the function as it is. (With `payloadResponseOnly`,
    // CDK writes a payload as `Parameters` verbatim, so `fromJsonPathAt('$')` would send the
    // string "$": aws/aws-cdk#22390.)
    const run = new LambdaInvoke(this, 'Run', {
      lambdaFunction: props.function,
      payloadResponseOnly: true,
      retryOnServiceExceptions: true,
    });
    run.addRetry({ errors: ['States.ALL'], interval: Duration.minutes(1), maxAttempts: 2, backoffRate: 2 });
    const again = new Pass(this, 'RunAgain', { outputPath: `$.${NEXT}` }).next(run);
    const definition = run.next(
      new Choice(this, 'AnotherRun')
        .when(Condition.isPresent(`$.${NEXT}`), again)
        .otherwise(new Succeed(this, 'Done')),
    );
    const logs = new LogGroup(this, 'Logs', {
      // The prefix Step Functions recommends, which keeps CloudWatch's resource policy small.
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-${id}`,
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      definitionBody: DefinitionBody.fromChainable(definition),
      timeout: props.timeout,
      tracingEnabled: true,
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: true },
    });
    const role = this.stateMachine.role.node.tryFindChild('DefaultPolicy');
    if (role) {
      const functionId = Stack.of(this).getLogicalId(props.function.node.defaultChild as never);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
        reason: 'The loop invokes exactly this function (any version), nothing else.',
      });
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'CloudWatch Logs delivery and X-Ray, which Step Functions logging and tracing need, have no resource-level permissions.',
      });
    }
  }
}
