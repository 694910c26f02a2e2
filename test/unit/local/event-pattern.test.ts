import { describe, expect, it } from 'vitest';
import { matchesPattern, passesFilters } from '../../../shared/definitions/event-pattern.ts';

const insert = {
  eventName: 'INSERT',
  dynamodb: { NewImage: { entity: { S: 'feedback' }, status: { S: 'received' } } },
};

describe('matchesPattern (Lambda filter subset)', () => {
  it.each([
    ['exact value', { eventName: ['INSERT'] }, true],
    ['one of several', { eventName: ['MODIFY', 'INSERT'] }, true],
    ['wrong value', { eventName: ['REMOVE'] }, false],
    ['nested value', { dynamodb: { NewImage: { status: { S: ['received'] } } } }, true],
    ['nested wrong value', { dynamodb: { NewImage: { status: { S: ['open'] } } } }, false],
    ['exists true', { dynamodb: { NewImage: { entity: { S: [{ exists: true }] } } } }, true],
    ['exists false on present', { dynamodb: { NewImage: { entity: [{ exists: false }] } } }, false],
    ['exists false on absent', { dynamodb: { OldImage: [{ exists: false }] } }, true],
    ['prefix', { dynamodb: { NewImage: { status: { S: [{ prefix: 'rec' }] } } } }, true],
    ['anything-but', { eventName: [{ 'anything-but': ['REMOVE'] }] }, true],
    ['missing nested object', { dynamodb: { OldImage: { status: { S: ['x'] } } } }, false],
  ] as const)('%s', (_, pattern, expected) => {
    expect(matchesPattern(pattern as never, insert)).toBe(expected);
  });

  it('passes every event when there are no filters, and any-of otherwise', () => {
    expect(passesFilters(undefined, insert)).toBe(true);
    expect(passesFilters([{ eventName: ['REMOVE'] }, { eventName: ['INSERT'] }], insert)).toBe(true);
    expect(passesFilters([{ eventName: ['REMOVE'] }], insert)).toBe(false);
  });
});
