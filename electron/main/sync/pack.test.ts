import { createHash, randomBytes } from 'node:crypto';
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import type { Op } from '@shared/data/ops';
import { canonicalJson } from '@shared/data/canonical';
import { HEADER_BYTES, PACKAGE_FORMAT, PACKAGE_MAGIC, SIGNATURE_BYTES, SIGNING_CONTEXT, packageMessages as msg, type Manifest } from '@shared/sync/package';
import { fingerprint } from '@shared/sync/fingerprint';
import { signWithContext } from './ed25519';
import { checkpointOf, makeOps, makeSite, manifestFieldsFor, seededRandom, type TestSite } from '../../../tests/fixtures/sync';
import { authorshipMessages } from '@shared/sync/authorship';
import { encodePackage, inspectPackage, packPackage, readEnvelope, verifyPackage } from './pack';
import { signKeyRotation } from './rotation';

const a = makeSite('xa-a');
const b = makeSite('phong-tc');
const c = makeSite('xa-c');
const trusted = { [a.siteId]: a.publicKey, [b.siteId]: b.publicKey, [c.siteId]: c.publicKey };

function pack(ops: Op[], from: TestSite = a, to = b.siteId, extra = {}) {
  return packPackage({ manifestFields: manifestFieldsFor(from.siteId, to, 1, extra), ops, privateKey: from.privateKey });
}

function verifyAsB(bytes: Uint8Array, limits = {}) {
  return verifyPackage(bytes, { trustedKeys: trusted, mySiteId: b.siteId, limits });
}

/** The refusal as data; fails the test when the package was accepted or the error is not a clean AppError. */
function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const { code, message } = error as AppError;
    expect(['invalid-file', 'not-authorised']).toContain(code);
    return { code, message };
  }
  throw new Error('package was accepted but should have been refused');
}

/** A manifest as packPackage would make it, for hand-built (malformed) packages. */
function manifestFor(payloadText: Buffer, payload: Buffer, opCount: number, extra: Partial<Manifest> = {}): Manifest {
  return {
    ...manifestFieldsFor(a.siteId, b.siteId),
    format: PACKAGE_FORMAT,
    opCount,
    payloadBytes: payloadText.length,
    payloadSha256: createHash('sha256').update(payload).digest('hex'),
    ...extra,
  } as Manifest;
}

function craft(lines: string[], extra: Partial<Manifest> = {}, key = a.privateKey): Buffer {
  const text = Buffer.from(lines.join('\n'), 'utf8');
  const payload = deflateRawSync(text);
  return encodePackage(manifestFor(text, payload, lines.length, extra), payload, key);
}

describe('pack → verify round trip', () => {
  it('returns the same manifest fields and ops, and hashes the whole file', () => {
    const ops = makeOps(50, a.siteId);
    const bytes = pack(ops);
    const verified = verifyAsB(bytes);
    expect(verified.ops).toEqual(ops);
    expect(verified.manifest).toMatchObject({ format: PACKAGE_FORMAT, from: a.siteId, to: b.siteId, seq: 1, opCount: 50, prevPackageHash: null });
    expect(verified.packageHash).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(verified.signerPublicKey).toBe(a.publicKey);
    expect(verified.newSignerKey).toBeNull();
  });

  it('handles an empty package and a broadcast package', () => {
    const verified = verifyAsB(pack([], a, '*'));
    expect(verified.ops).toEqual([]);
    expect(verified.manifest.to).toBe('*');
  });

  it('keeps Vietnamese text and nested values exactly', () => {
    const op: Op = { ...makeOps(1, a.siteId)[0], values: { title: 'Đôn đốc “GPMB” – quý III\nlần 2', meta: { tags: ['ưu tiên', null, 3.5] } } };
    expect(verifyAsB(pack([op])).ops[0]).toEqual(op);
  });

  it('the file starts with the documented header', () => {
    const bytes = pack(makeOps(3, a.siteId));
    expect(bytes.subarray(0, 8).toString('latin1')).toBe(PACKAGE_MAGIC);
    expect(bytes.readUInt16BE(8)).toBe(PACKAGE_FORMAT);
    const manifestLength = bytes.readUInt32BE(10);
    const manifest = JSON.parse(bytes.subarray(HEADER_BYTES, HEADER_BYTES + manifestLength).toString('utf8'));
    expect(manifest.opCount).toBe(3);
  });

  it('refuses to pack invalid ops or fields', () => {
    const bad = { ...makeOps(1, a.siteId)[0], rowId: 'x'.repeat(65) };
    expect(() => pack([bad])).toThrow(/thao tác thứ 1/);
    expect(() => packPackage({ manifestFields: { ...manifestFieldsFor(a.siteId, b.siteId), seq: 0 }, ops: [], privateKey: a.privateKey })).toThrow(AppError);
  });
});

describe('tampering', () => {
  it('refuses every single-byte change of a small package, with a clear message', () => {
    const bytes = pack(makeOps(3, a.siteId));
    const messages = new Set<string>();
    for (let i = 0; i < bytes.length; i++) {
      for (const mask of [0x01, 0xff]) {
        const copy = Buffer.from(bytes);
        copy[i] ^= mask;
        messages.add(refusal(() => verifyAsB(copy)).message);
      }
    }
    // Different regions fail for different, specific reasons.
    expect(messages).toContain(msg.notPackage);
    expect(messages).toContain(msg.payloadHash);
    expect(messages).toContain(msg.badSignature(a.siteId));
    expect(messages).toContain(msg.newerFormat);
    expect([...messages].some((m) => m.startsWith('Phần mô tả'))).toBe(true);
    for (const m of messages) expect(m.length).toBeGreaterThan(20);
  });

  it('refuses 1,000 random single-byte changes of a large package', () => {
    const bytes = pack(makeOps(20_000, a.siteId));
    expect(bytes.length).toBeGreaterThan(100_000);
    const random = seededRandom(42);
    for (let n = 0; n < 1000; n++) {
      const copy = Buffer.from(bytes);
      const at = Math.floor(random() * copy.length);
      copy[at] ^= 1 + Math.floor(random() * 255);
      refusal(() => verifyAsB(copy));
    }
  });

  it('refuses truncation at any of several points', () => {
    const bytes = pack(makeOps(40, a.siteId));
    const manifestEnd = HEADER_BYTES + bytes.readUInt32BE(10);
    const cuts = [1, 7, 8, 12, HEADER_BYTES, HEADER_BYTES + 5, manifestEnd - 1, manifestEnd, manifestEnd + 32, manifestEnd + SIGNATURE_BYTES, manifestEnd + SIGNATURE_BYTES + 10, bytes.length - 1];
    for (const cut of cuts) {
      const { message } = refusal(() => verifyAsB(bytes.subarray(0, cut)));
      expect(message).toMatch(cut < manifestEnd + SIGNATURE_BYTES ? /cắt cụt|hỏng|đã bị sửa/ : /mã băm/);
    }
  });

  it('refuses bytes appended after the payload', () => {
    const bytes = pack(makeOps(5, a.siteId));
    expect(refusal(() => verifyAsB(Buffer.concat([bytes, Buffer.from([0])]))).message).toBe(msg.payloadHash);
  });

  it('refuses a signature taken from another package of the same sender', () => {
    const one = pack(makeOps(5, a.siteId, 1));
    const two = pack(makeOps(5, a.siteId, 2));
    const sigAt = (p: Buffer) => HEADER_BYTES + p.readUInt32BE(10);
    const swapped = Buffer.from(one);
    two.copy(swapped, sigAt(one), sigAt(two), sigAt(two) + SIGNATURE_BYTES);
    expect(refusal(() => verifyAsB(swapped)).message).toBe(msg.badSignature(a.siteId));
  });

  it('refuses a package signed with a key that is not the sender’s trusted key', () => {
    const impostor = makeSite(a.siteId);
    const bytes = pack(makeOps(5, a.siteId), impostor);
    expect(refusal(() => verifyAsB(bytes))).toEqual({ code: 'invalid-file', message: msg.badSignature(a.siteId) });
  });

  it('refuses a sender that is not trusted at all', () => {
    const stranger = makeSite('la');
    expect(refusal(() => verifyAsB(pack([], stranger)))).toEqual({ code: 'not-authorised', message: msg.untrustedSender('la') });
  });

  it('refuses a package meant for another site, and one this site made itself', () => {
    expect(refusal(() => verifyAsB(pack([], a, c.siteId)))).toEqual({ code: 'not-authorised', message: msg.wrongRecipient(c.siteId, b.siteId) });
    expect(refusal(() => verifyAsB(pack([], b, '*'))).message).toBe(msg.fromSelf);
  });

  it('refuses a manifest that is signed but not in canonical form', () => {
    const text = Buffer.from('', 'utf8');
    const payload = deflateRawSync(text);
    const manifestBytes = Buffer.from(JSON.stringify(manifestFor(text, payload, 0), null, 1), 'utf8');
    const header = Buffer.alloc(HEADER_BYTES);
    header.write(PACKAGE_MAGIC, 0, 'latin1');
    header.writeUInt16BE(PACKAGE_FORMAT, 8);
    header.writeUInt32BE(manifestBytes.length, 10);
    const bytes = Buffer.concat([header, manifestBytes, signWithContext(SIGNING_CONTEXT.package, manifestBytes, a.privateKey), payload]);
    expect(refusal(() => verifyAsB(bytes)).message).toBe(msg.manifestNotCanonical);
  });
});

describe('format, size and shape limits', () => {
  it('says "update the app" for a newer format, in the header or the manifest', () => {
    const payload = deflateRawSync(Buffer.alloc(0));
    const manifest = manifestFor(Buffer.alloc(0), payload, 0);
    expect(refusal(() => verifyAsB(encodePackage(manifest, payload, a.privateKey, PACKAGE_FORMAT + 1))).message).toBe(
      'Gói được tạo bởi phiên bản mới hơn, hãy cập nhật ứng dụng.',
    );
    expect(refusal(() => verifyAsB(encodePackage({ ...manifest, format: PACKAGE_FORMAT + 1 }, payload, a.privateKey))).message).toBe(msg.newerFormat);
  });

  it('refuses a package of the format before proven authorship, naming the format', () => {
    const payload = deflateRawSync(Buffer.alloc(0));
    const manifest = manifestFor(Buffer.alloc(0), payload, 0);
    expect(refusal(() => verifyAsB(encodePackage({ ...manifest, format: 1 }, payload, a.privateKey, 1))).message).toBe(msg.unknownFormat(1));
  });

  it('refuses an empty file and files that are not packages', () => {
    expect(refusal(() => verifyAsB(Buffer.alloc(0))).message).toBe(msg.empty);
    for (const other of ['%PDF-1.7\n', 'PK\u0003\u0004', '{"format":1}', 'DONDOC', 'DONDOCPX0000000000']) {
      const { message } = refusal(() => verifyAsB(Buffer.from(other, 'latin1')));
      expect([msg.notPackage, msg.truncated]).toContain(message);
    }
  });

  it('refuses a file larger than the limit without looking inside', () => {
    const bytes = pack(makeOps(10, a.siteId));
    expect(refusal(() => verifyAsB(bytes, { maxFileBytes: bytes.length - 1 })).message).toMatch(/^Tệp quá lớn/);
  });

  it('refuses 100 MB of random garbage quickly', () => {
    const garbage = randomBytes(100 * 1024 * 1024);
    let started = performance.now();
    expect(refusal(() => verifyAsB(garbage)).message).toBe(msg.notPackage);
    expect(performance.now() - started).toBeLessThan(500);
    // Garbage behind a valid magic: the header is refused, nothing is parsed or hashed at length.
    Buffer.from(PACKAGE_MAGIC, 'latin1').copy(garbage, 0);
    started = performance.now();
    refusal(() => verifyAsB(garbage));
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses a package declaring more ops than the limit before inflating it', () => {
    const bytes = pack(makeOps(101, a.siteId));
    expect(refusal(() => verifyAsB(bytes, { maxOps: 100 })).message).toBe(msg.tooManyOps(101, 100));
  });

  it('refuses a payload that holds more ops than its manifest declares', () => {
    const lines = makeOps(150, a.siteId).map((op) => JSON.stringify(op));
    const text = Buffer.from(lines.join('\n'), 'utf8');
    const payload = deflateRawSync(text);
    const lying = encodePackage(manifestFor(text, payload, 1), payload, a.privateKey);
    expect(refusal(() => verifyAsB(lying, { maxOps: 100 })).message).toMatch(/quá nhiều thao tác/);
    expect(refusal(() => verifyAsB(lying)).message).toBe(msg.opCountMismatch(1, 150));
  });

  it('refuses over-long fields and over-long ops, naming the op and the field', () => {
    const op = makeOps(3, a.siteId)[2];
    const longRow = craft([JSON.stringify(makeOps(1, a.siteId)[0]), JSON.stringify({ ...op, rowId: 'r'.repeat(65) })]);
    const refusedRow = refusal(() => verifyAsB(longRow)).message;
    expect(refusedRow).toMatch(/^Thao tác thứ 2 không hợp lệ: rowId:/);

    const longValue = craft([JSON.stringify({ ...op, values: { title: 'đ'.repeat(100_001) } })]);
    expect(refusal(() => verifyAsB(longValue)).message).toMatch(/^Thao tác thứ 1 không hợp lệ: values\.title:/);

    expect(refusal(() => verifyAsB(craft([JSON.stringify(op)]), { maxOpBytes: 100 })).message).toBe(msg.opTooLong(1, 100));
    expect(refusal(() => verifyAsB(craft(['{"not json'])))).toEqual({ code: 'invalid-file', message: msg.opUnreadable(1) });
  });

  it('refuses an over-long manifest field and an oversized manifest', () => {
    const bytes = craft([], { from: 'x'.repeat(65) } as Partial<Manifest>);
    expect(refusal(() => readEnvelope(bytes)).message).toMatch(/^Phần mô tả của gói không hợp lệ: from:/);
    expect(refusal(() => verifyAsB(pack(makeOps(1, a.siteId)), { maxManifestBytes: 50 })).message).toBe(msg.manifestTooLarge);
  });
});

describe('decompression bomb', () => {
  let bomb: Buffer;
  beforeAll(async () => {
    // 1 GiB of zeros, deflated in a stream so the test never holds the 1 GiB either.
    const deflate = createDeflateRaw({ level: 9 });
    const chunks: Buffer[] = [];
    deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise((resolve) => deflate.on('end', resolve));
    const zeros = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < 1024; i++) deflate.write(zeros);
    deflate.end();
    await done;
    bomb = Buffer.concat(chunks);
  }, 60_000);

  function measure(run: () => void): { ms: number; grewBytes: number } {
    const before = process.memoryUsage();
    const started = performance.now();
    run();
    const after = process.memoryUsage();
    return { ms: performance.now() - started, grewBytes: Math.max(after.arrayBuffers - before.arrayBuffers, after.rss - before.rss) };
  }

  it('refuses a bomb from an untrusted signer without inflating it', () => {
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const manifest = manifestFor(Buffer.alloc(1000), bomb, 1);
    const bytes = encodePackage(manifest, bomb, makeSite(a.siteId).privateKey);
    const cost = measure(() => expect(refusal(() => verifyAsB(bytes)).message).toBe(msg.badSignature(a.siteId)));
    expect(cost.ms).toBeLessThan(500);
  });

  it('refuses a trusted-signed bomb that lies about its size, stopping at the declared size', () => {
    const manifest = { ...manifestFor(Buffer.alloc(1000), bomb, 1) };
    const bytes = encodePackage(manifest, bomb, a.privateKey);
    const cost = measure(() => expect(refusal(() => verifyAsB(bytes)).message).toBe(msg.payloadInflate));
    expect(cost.ms).toBeLessThan(500);
    expect(cost.grewBytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a trusted-signed bomb that declares its real size, before inflating', () => {
    const manifest = { ...manifestFor(Buffer.alloc(0), bomb, 1), payloadBytes: 1024 * 1024 * 1024 };
    const bytes = encodePackage(manifest, bomb, a.privateKey);
    const cost = measure(() => expect(refusal(() => verifyAsB(bytes)).message).toMatch(/sau giải nén quá lớn/));
    expect(cost.ms).toBeLessThan(500);
  });
});

describe('key rotation', () => {
  it('accepts a new key announced by the trusted one and reports it', () => {
    const next = makeSite(a.siteId);
    const rotation = signKeyRotation({ siteId: a.siteId, oldKey: a.privateKey, newKey: next.privateKey, createdAt: '2025-07-02T00:00:00.000Z' });
    const bytes = pack(makeOps(2, a.siteId), next, b.siteId, { keyRotations: [rotation] });
    const verified = verifyAsB(bytes);
    expect(verified.newSignerKey).toEqual({ publicKey: next.publicKey, fingerprint: fingerprint(next.publicKey), replaced: [{ publicKey: a.publicKey }] });
    // A verifier that already moved to the new key accepts it without a change to report.
    const again = verifyPackage(bytes, { trustedKeys: { ...trusted, [a.siteId]: next.publicKey }, mySiteId: b.siteId });
    expect(again.newSignerKey).toBeNull();
  });

  it('follows a chain of two rotations from the key the verifier trusts', () => {
    const k2 = makeSite(a.siteId);
    const k3 = makeSite(a.siteId);
    const r1 = signKeyRotation({ siteId: a.siteId, oldKey: a.privateKey, newKey: k2.privateKey, createdAt: '2025-07-02T00:00:00.000Z' });
    const r2 = signKeyRotation({ siteId: a.siteId, oldKey: k2.privateKey, newKey: k3.privateKey, createdAt: '2025-07-03T00:00:00.000Z' });
    expect(verifyAsB(pack([], k3, b.siteId, { keyRotations: [r1, r2] })).signerPublicKey).toBe(k3.publicKey);
  });

  it('signs where the old key stopped into the announcement: a changed lastSeq breaks it, and checkpoints by the old key beyond it prove nothing', () => {
    const next = makeSite(a.siteId);
    const rotation = signKeyRotation({ siteId: a.siteId, oldKey: a.privateKey, newKey: next.privateKey, createdAt: '2025-07-02T00:00:00.000Z', lastSeq: 3 });
    expect(refusal(() => verifyAsB(pack([], next, b.siteId, { keyRotations: [{ ...rotation, lastSeq: 9 }] }))).message).toBe(msg.badRotation(a.siteId));
    const ops = makeOps(6, a.siteId);
    // In the same package the old key vouches for ops up to 3 only; 4–6 need the new key's checkpoint.
    const oldOnly = pack(ops, next, b.siteId, { keyRotations: [rotation], checkpoints: [checkpointOf(a, ops)] });
    const verified = verifyAsB(oldOnly);
    expect(verified.newSignerKey?.replaced).toEqual([{ publicKey: a.publicKey, lastSeq: 3 }]);
    expect(verified.authorship.refused.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(verified.authorship.refused[5].reason).toBe(authorshipMessages.replacedKey(a.siteId, 3));
    const withNew = pack(ops, next, b.siteId, { keyRotations: [rotation], checkpoints: [checkpointOf(a, ops.slice(0, 3)), checkpointOf(next, ops)] });
    expect(verifyAsB(withNew).authorship.refused).toEqual([]);
  });

  it('refuses a rotation not signed by the trusted key', () => {
    const attacker = makeSite(a.siteId);
    const forged = signKeyRotation({ siteId: a.siteId, oldKey: attacker.privateKey, newKey: attacker.privateKey, createdAt: '2025-07-02T00:00:00.000Z' });
    const claimed = { ...forged, oldPublicKey: a.publicKey };
    const bytes = pack([], attacker, b.siteId, { keyRotations: [claimed] });
    expect(refusal(() => verifyAsB(bytes))).toEqual({ code: 'not-authorised', message: msg.badRotation(a.siteId) });
    // Without a rotation the attacker's key simply does not verify.
    expect(refusal(() => verifyAsB(pack([], attacker))).message).toBe(msg.badSignature(a.siteId));
  });

  it('refuses a rotation for another site, and one whose new key did not sign the proof', () => {
    const next = makeSite(a.siteId);
    const otherSite = signKeyRotation({ siteId: c.siteId, oldKey: a.privateKey, newKey: next.privateKey, createdAt: '2025-07-02T00:00:00.000Z' });
    expect(refusal(() => verifyAsB(pack([], next, b.siteId, { keyRotations: [otherSite] }))).code).toBe('not-authorised');
    const good = signKeyRotation({ siteId: a.siteId, oldKey: a.privateKey, newKey: next.privateKey, createdAt: '2025-07-02T00:00:00.000Z' });
    const stolenProof = { ...good, proof: signKeyRotation({ siteId: a.siteId, oldKey: a.privateKey, newKey: c.privateKey, createdAt: good.createdAt }).proof };
    expect(refusal(() => verifyAsB(pack([], next, b.siteId, { keyRotations: [stolenProof] }))).message).toBe(msg.badRotation(a.siteId));
  });
});

describe('inspectPackage', () => {
  it('reads structure and ops without any keys, and still refuses a tampered payload', () => {
    const bytes = pack(makeOps(7, a.siteId));
    const inspected = inspectPackage(bytes);
    expect(inspected.ops).toHaveLength(7);
    expect(inspected.manifest.from).toBe(a.siteId);
    const copy = Buffer.from(bytes);
    copy[copy.length - 3] ^= 0x10;
    expect(refusal(() => inspectPackage(copy)).message).toBe(msg.payloadHash);
  });

  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
  });
});
