import type { BenchCase } from '../types';
import type { Op } from '../../shared/data/ops';
import { admitOps, chainOps, EMPTY_HEAD, type Checkpoint } from '../../shared/sync/authorship';
import { checkpointOf, makeOps, makeSite, manifestFieldsFor } from '../../tests/fixtures/sync';
import { packPackage, verifyPackage } from '../../electron/main/sync/pack';
import { createOwnSigner, memoryChainStore, nodeChainCrypto, proveOps } from '../../electron/main/sync/authorship';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

const OPS = 100_000;
const sender = makeSite('xa-a');
const trustedKeys = { [sender.siteId]: sender.publicKey };
let ops: Op[] = [];
let checkpoints: Checkpoint[] = [];
let bytes: Buffer = Buffer.alloc(0);
/** The renderer's chain hash (write time): @noble/hashes, as renderer/src/data/chain.ts uses it. */
const nobleHasher = { sha256Hex: (text: string) => bytesToHex(sha256(utf8ToBytes(text))) };

function pack(): Buffer {
  return packPackage({ manifestFields: manifestFieldsFor(sender.siteId, 'phong-tc', 1, { checkpoints }), ops, privateKey: sender.privateKey });
}

function prepare(): void {
  ops = makeOps(OPS, sender.siteId);
  checkpoints = [checkpointOf(sender, ops)];
}

const cases: BenchCase[] = [
  {
    name: 'sync.packPackage',
    size: `${OPS.toLocaleString('en')} ops (validate, NDJSON, deflate, SHA-256, Ed25519 sign)`,
    setup: prepare,
    run: () => {
      bytes = pack();
    },
  },
  {
    name: 'sync.verifyPackage',
    size: `${OPS.toLocaleString('en')} ops (header, manifest, signature, hash, bounded inflate, zod per op, authorship proof)`,
    setup: () => {
      prepare();
      bytes = pack();
    },
    run: () => {
      const verified = verifyPackage(bytes, { trustedKeys, mySiteId: 'phong-tc' });
      if (verified.ops.length !== OPS || verified.authorship.refused.length) throw new Error('verify lost ops or proofs');
    },
  },
  {
    name: 'sync.authorship.prove',
    size: `${OPS.toLocaleString('en')} ops: chain hash per op (canonical JSON + SHA-256, Node), walk back from the checkpoint, one Ed25519 verify — main's share of verifyPackage`,
    setup: prepare,
    run: () => {
      const proof = proveOps(ops, checkpoints, () => [sender.publicKey]);
      if (proof.refused.size) throw new Error('proof failed');
    },
  },
  {
    name: 'sync.authorship.admit',
    size: `${OPS.toLocaleString('en')} proven ops: continuity with the held chain and the clock tolerance — the renderer's share of an import`,
    setup: prepare,
    run: () => {
      const out = admitOps({ ops, refusedIndex: new Map(), checkpoints, heads: new Map(), mySite: 'phong-tc', notAfter: Date.parse('2030-01-01T00:00:00Z') });
      if (out.admitted.length !== OPS) throw new Error('admission lost ops');
    },
  },
  {
    name: 'sync.authorship.signOwn',
    size: `${OPS.toLocaleString('en')} own ops: main checks they link up (a hash per op) and signs one checkpoint — main's share of an export`,
    setup: prepare,
    run: async () => {
      const sign = createOwnSigner(memoryChainStore());
      if (!(await sign(sender.siteId, ops, sender.privateKey))) throw new Error('nothing signed');
    },
  },
  {
    name: 'sync.authorship.chainNoble',
    size: `${OPS.toLocaleString('en')} ops chained with @noble/hashes SHA-256 (the renderer's cost at write time, here in Node)`,
    setup: prepare,
    run: () => {
      const out = chainOps(ops, EMPTY_HEAD, nobleHasher);
      if (out.head.seq !== OPS) throw new Error('chain short');
    },
  },
  {
    name: 'sync.authorship.chainNode',
    size: `${OPS.toLocaleString('en')} ops chained with Node's SHA-256`,
    setup: prepare,
    run: () => {
      const out = chainOps(ops, EMPTY_HEAD, nodeChainCrypto);
      if (out.head.seq !== OPS) throw new Error('chain short');
    },
  },
];

export default cases;
