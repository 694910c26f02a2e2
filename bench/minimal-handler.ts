import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** The baseline for init time: a handler that imports only the DynamoDB client. */
const client = new DynamoDBClient({});

export const handler = async () => ({ region: await client.config.region() });
