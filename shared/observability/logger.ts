import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured logger per function. Records are logged by id only: feedback text and
 * customer fields never go to the logs.
 */
export function createLogger(serviceName = 'service-feedback'): Logger {
  return new Logger({ serviceName });
}
