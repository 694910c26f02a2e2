import { Duration } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { EVENT_BUS_ENV } from '../../shared/adapters/eventbridge-publisher.ts';

export interface DomainEventsProps {
  /** The stream function that publishes the events. */
  publisher: LambdaFunction;
}

/**
 * The custom EventBridge bus domain events go to (`source: service-feedback`), archived for a
 * week so a consumer added later can replay what it missed. Rules for chat, data lakes and
 * the like are added by whoever deploys the stack (README), not by this stack.
 */
export class DomainEvents extends Construct {
  readonly bus: EventBus;

  constructor(scope: Construct, id: string, props: DomainEventsProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { description: 'Service Feedback Stack domain events' });
    this.bus.archive('Archive', {
      description: 'Every domain event, replayable for a week',
      eventPattern: { source: ['service-feedback'] },
      retention: Duration.days(7),
    });
    this.bus.grantPutEventsTo(props.publisher);
    props.publisher.addEnvironment(EVENT_BUS_ENV, this.bus.eventBusName);
  }
}
