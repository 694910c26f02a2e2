import { describe, expect, it } from 'vitest';
import { ladderInstants } from '../../../shared/domain/escalation.ts';
import { calendar, openFeedback, policy } from '../../helpers/records.ts';

/* A feedback without deadlines has no ladder (issue 20: the mutation run found it unguarded). */

const context = { policy, calendar };
const received = '2026-11-23T02:00:00.000Z';

describe('ladder instants of a feedback without deadlines', () => {
  it.each(['firstResponse', 'resolution'] as const)('has none for %s', (deadline) => {
    // Prepare: received, not triaged yet
    const record = openFeedback('P2', received, { deadlines: null });
    // Act + Assess
    expect(ladderInstants(record, deadline, context)).toBeUndefined();
  });
});
