import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { S3Client } from '@aws-sdk/client-s3';

// Kept apart from aws-clients.ts so functions that need none of these do not load them at init.

/** The S3 client for import uploads and inbound mail (endpoint from `AWS_ENDPOINT_URL_S3` if set). */
export function createS3Client(): S3Client {
  return new S3Client({ maxAttempts: 4 });
}

/** The AWS End User Messaging SMS client (`pinpoint-sms-voice-v2`). */
export function createSmsClient(): PinpointSMSVoiceV2Client {
  return new PinpointSMSVoiceV2Client({ maxAttempts: 4 });
}

/** The EventBridge client that publishes domain events. */
export function createEventBridgeClient(): EventBridgeClient {
  return new EventBridgeClient({ maxAttempts: 4 });
}
