import type { Context } from 'aws-lambda';
import { localContext } from '../../infra/local/local-functions.ts';

/** A Lambda context for calling a handler directly in a unit test. */
export function lambdaContext(name = 'unit-test'): Context {
  return localContext(name, 10);
}
