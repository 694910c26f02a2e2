import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { instrument } from './aws-clients.ts';

// Kept apart from aws-clients.ts so functions that need none of these do not load them at init.

/** The S3 client for import uploads and inbound mail (endpoint from `AWS_ENDPOINT_URL_S3` if set). */
export function createS3Client(): S3Client {
  return instrument(new S3Client({ maxAttempts: 4 }), 's3');
}

/** The AWS End User Messaging SMS client (`pinpoint-sms-voice-v2`). */
export function createSmsClient(): PinpointSMSVoiceV2Client {
  return instrument(new PinpointSMSVoiceV2Client({ maxAttempts: 4 }), 'sms-voice');
}

/** The EventBridge client that publishes domain events. */
export function createEventBridgeClient(): EventBridgeClient {
  return instrument(new EventBridgeClient({ maxAttempts: 4 }), 'events');
}

/**
 * The SQS client campaign dispatch fans out through. Requests go to the configured endpoint
 * (the regional one deployed, `AWS_ENDPOINT_URL_SQS` locally), not the queue URL's host.
 */
export function createSqsClient(): SQSClient {
  return instrument(new SQSClient({ maxAttempts: 4, useQueueUrlAsEndpoint: false }), 'sqs');
}
