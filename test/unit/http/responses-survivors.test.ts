import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issuesFromZod } from '../../../shared/http/responses.ts';

/* An unknown field with an empty name is named as the whole body (issue 20: never reached before). */

describe('an unknown field named ""', () => {
  const schema = z.strictObject({ a: z.string() });
  const issues = (value: unknown, prefix?: string) => {
    const result = schema.safeParse(value);
    if (result.success) throw new Error('expected a failure');
    return issuesFromZod(result.error, prefix);
  };

  it('is reported on (body) at the top level', () => {
    expect(issues({ a: 'x', '': 1 })).toEqual([{ path: '(body)', message: 'is not a known field' }]);
  });

  it('is reported on the prefix under one', () => {
    expect(issues({ a: 'x', '': 1 }, 'query')).toEqual([{ path: 'query', message: 'is not a known field' }]);
  });
});
