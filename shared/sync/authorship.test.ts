/**
 * The proof and admission rules on hand-made chains (the attacks through the real import are in
 * tests/security/): walking back from checkpoints, earlier keys after a rotation, relays that
 * send part of a chain, gaps and second histories.
 */
import { describe, expect, it } from 'vitest';
import { makeOps, makeSite } from '../../tests/fixtures/sync';
import { nodeChainCrypto, signCheckpoint } from '../../electron/main/sync/authorship';
import { admitOps, authorshipMessages, opChainHash, proveAuthorship } from './authorship';

const a = makeSite('xa-a');
const oldKey = makeSite('xa-a');
const ops = makeOps(10, 'xa-a');
const cpAt = (seq: number, key = a) => signCheckpoint({ site: 'xa-a', seq, head: opChainHash(ops[seq - 1], nodeChainCrypto) }, key.privateKey);
const keys = (site: string) => (site === 'xa-a' ? [a.publicKey] : []);

describe('proveAuthorship', () => {
  it('proves a contiguous suffix from its checkpoint, and nothing above the checkpoint', () => {
    const proof = proveAuthorship(ops.slice(3, 10), [cpAt(8)], keys, nodeChainCrypto);
    // ops 4..8 proven; 9 and 10 lie above the checkpoint.
    expect([...proof.refused.keys()]).toEqual([5, 6]);
    expect(proof.refused.get(5)).toBe(authorshipMessages.notOnChain('xa-a'));
  });

  it('an earlier key proves what it signed once the registry lists it; an unknown key proves nothing', () => {
    const old = cpAt(10, oldKey);
    expect(proveAuthorship(ops, [old], keys, nodeChainCrypto).refused.size).toBe(10);
    expect(proveAuthorship(ops, [old], (s) => (s === 'xa-a' ? [a.publicKey, oldKey.publicKey] : []), nodeChainCrypto).refused.size).toBe(0);
  });

  it('an altered op and everything before it are unproven; the ops after it still are proven', () => {
    const altered = ops.map((o, i) => (i === 4 ? { ...o, values: { ...o.values, title: 'sửa' } } : o));
    const proof = proveAuthorship(altered, [cpAt(10)], keys, nodeChainCrypto);
    expect([...proof.refused.keys()]).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('admitOps', () => {
  const proven = () => ({ refusedIndex: new Map<number, string>(), checkpoints: [cpAt(10)], mySite: 'phong-tc', notAfter: Date.parse('2030-01-01T00:00:00Z') });

  it('takes the run that continues the held chain, and nothing across a gap', () => {
    const held = { seq: 3, hash: opChainHash(ops[2], nodeChainCrypto), hlc: ops[2].hlc };
    const ok = admitOps({ ops: ops.slice(3), heads: new Map([['xa-a', held]]), ...proven() });
    expect(ok.admitted).toHaveLength(7);
    expect(ok.advanced.get('xa-a')?.head).toEqual({ seq: 10, hash: cpAt(10).head, hlc: ops[9].hlc });
    const gap = admitOps({ ops: ops.slice(5), heads: new Map([['xa-a', held]]), ...proven() });
    expect(gap.admitted).toEqual([]);
    expect(gap.refused[0].reason).toBe(authorshipMessages.gap('xa-a', 4));
    expect(gap.refused[1].reason).toBe(authorshipMessages.afterRefused('xa-a'));
  });

  it('refuses a second history offered as the continuation of the held one', () => {
    const other = makeOps(10, 'xa-a', 9);
    const held = { seq: 3, hash: opChainHash(other[2], nodeChainCrypto), hlc: other[2].hlc };
    const out = admitOps({ ops: ops.slice(3), heads: new Map([['xa-a', held]]), ...proven() });
    expect(out.admitted).toEqual([]);
    expect(out.refused[0].reason).toBe(authorshipMessages.fork('xa-a', 4));
  });
});
