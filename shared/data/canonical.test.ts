import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from './canonical';

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: 'ă' }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"x":"ă","z":1}]},"b":1}');
    expect(canonicalJson([undefined, 'x'])).toBe('[null,"x"]');
  });
});

describe('sha256Hex', () => {
  it('hashes the UTF-8 bytes (FIPS 180-2 vector, and Vietnamese text)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('Đôn Đốc')).not.toBe(sha256Hex('Don Doc'));
  });

  it('gives an audit record the hash the earlier code stored, so existing chains still verify', () => {
    // The hash below was computed with the code this module replaced (its own key sort, noble's utf8ToBytes).
    const entry = {
      seq: 7,
      prevHash: '0'.repeat(64),
      id: 'a1',
      hlc: '001745000000000-0000-xa',
      at: '2026-12-05T00:00:00.000Z',
      actor: 'Nguyễn Văn Á',
      action: 'task.update',
      entity: 'tasks',
      rowId: 'r1',
      summary: 'Sửa hạn',
      before: { dueOn: '2026-12-01', note: undefined },
      after: { dueOn: '2026-12-15', list: [3, undefined, { b: 1, a: 2 }] },
    };
    expect(sha256Hex(canonicalJson(entry))).toBe('e7320fdd07ed54a9f1aef133e05a1131db355f19f47ebdde313c10f807adb75b');
  });
});
