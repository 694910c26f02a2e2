import type { APIGatewayProxyEvent } from 'aws-lambda';

/**
 * The channel integration behind a request: API Gateway's API key id when deployed, the
 * local stack's stand-in locally. Idempotency keys are scoped to it.
 */
export function integrationIdOf(event: APIGatewayProxyEvent): string {
  return event.requestContext?.identity?.apiKeyId ?? 'unknown';
}

/** The staff member behind a request, from the Cognito authorizer's claims. */
export function staffActorOf(event: APIGatewayProxyEvent): string {
  const claims = (event.requestContext?.authorizer?.claims ?? {}) as Record<string, unknown>;
  const who = claims.email ?? claims['cognito:username'] ?? claims.sub;
  return typeof who === 'string' && who.length > 0 ? `staff:${who}` : 'staff:unknown';
}
