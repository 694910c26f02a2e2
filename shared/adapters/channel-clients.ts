import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { S3Client } from '@aws-sdk/client-s3';
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
