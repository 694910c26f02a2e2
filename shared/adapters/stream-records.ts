import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { FeedbackRecord } from '../schemas/feedback-record.ts';
import { fromFeedbackItem } from './feedback-item.ts';

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

function feedbackFromImage(image: Image | undefined): FeedbackRecord | undefined {
  if (!image) return undefined;
  const item = unmarshall(image as Record<string, AttributeValue>);
  return item.entity === 'feedback' ? fromFeedbackItem(item) : undefined;
}

/** The feedback after a stream record's change (undefined for other items or removals). */
export function newFeedbackOf(record: DynamoDBRecord): FeedbackRecord | undefined {
  return feedbackFromImage(record.dynamodb?.NewImage);
}
