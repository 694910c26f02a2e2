import { describe, expect, it } from 'vitest';
import { feedbackIdFromToken, idempotentFeedbackId, requestFingerprint } from '../../../shared/domain/ids.ts';

// Stored ids and fingerprints must not change between releases: a retry after a deploy must land
// on the same item and match the same fingerprint. The values below were computed outside this
// code base (Python hashlib): the first 130 bits of sha256("<integration>\n<key>") in Crockford
// base32, and base64url(sha256(canonical JSON)) with keys sorted and undefined fields dropped.
describe('idempotent feedback ids, pinned', () => {
  it.each([
    ['integration-a', 'key-1', '4RJ9YKZCW3XA3NNE3HFF4QW2QR'],
    ['local', 'order-42', 'K2ZYNAW8KJQXZVMV51HHCGWWY0'],
  ])('%s + %s → %s', (integration, key, id) => {
    // Act
    const derived = idempotentFeedbackId(integration, key);

    // Assess
    expect(derived).toBe(id);
  });
});

describe('request fingerprints, pinned', () => {
  it.each([
    [
      'a nested object in any key order',
      { b: { d: [1, 2], c: 2 }, a: 1, e: undefined },
      'hlwzcA1lbG6IpgmCue-GE5sDvskMm9xkKBS2WHWYSUo',
    ],
    ['an array', [1, 2], 'SaZHF9XUyxmVLm6sKUZBXPaHmtrPmQjn2HIzLTLG5oQ'],
    ['an object with index keys', { 1: 2, 0: 1 }, 'mP_9Jh13TJ_6Pnx8vlrZYALTM2-8FNdZi4T2kIuMTOY'],
    ['a null field', { a: null }, '0JH5yDwJH3llL-h4Y3Wz_kzghhpW9b-6_tvkMYd_8Og'],
    [
      'upper case before lower case, objects in arrays',
      { c: null, b: [{ y: 's', x: true }], a: 2, Z: 1 },
      'J2Qi34wkMYOfFCCUZLWdytAJ6WHxRqAjfQ9Lrm8Rsaw',
    ],
    ['null', null, 'dCNOmK_nSY-12vHzasLXiswzlGT5UHA7jAGYkvmCuQs'],
    ['an empty array', [], 'T1PNoYwrqgwDVLtfmj7L5e0Sq02OEbqHPC8RFhICuUU'],
    ['an empty object', {}, 'RBNvo1WzZ4oRRq0W9-hknpT7T8If536DEMBg9hyq_4o'],
  ])('%s', (_name, body, fingerprint) => {
    // Act
    const computed = requestFingerprint(body);

    // Assess
    expect(computed).toBe(fingerprint);
  });
});

describe('the id in a customer token', () => {
  const ID = '01JDQ3ZK6V7M0000000000000A';

  it.each([
    [`${ID}.secret`, ID],
    [`${ID}.secret.with.dots`, ID],
    [`${ID}.`, ID],
  ])('reads %j as %s', (token, id) => {
    expect(feedbackIdFromToken(token)).toBe(id);
  });

  it.each([
    ['27 characters and no separator', `${ID}B`],
    ['26 characters and no separator', ID],
    ['27 characters before the separator', `${ID}B.secret`],
    ['25 characters before the separator', `${ID.slice(1)}.secret`],
    ['a lower-case character before the id', `a${ID}.secret`],
    ['a lower-case id character', `${ID.slice(0, 25)}a.secret`],
    ['a space before the separator', `${ID.slice(0, 25)} .secret`],
  ])('rejects %s', (_name, token) => {
    expect(feedbackIdFromToken(token)).toBeUndefined();
  });
});
