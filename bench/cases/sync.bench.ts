import type { BenchCase } from '../types';
import type { Op } from '../../shared/data/ops';
import { makeOps, makeSite, manifestFieldsFor } from '../../electron/main/sync/fixtures';
import { packPackage, verifyPackage } from '../../electron/main/sync/pack';

const OPS = 100_000;
const sender = makeSite('xa-a');
const trustedKeys = { [sender.siteId]: sender.publicKey };
let ops: Op[] = [];
let bytes: Buffer = Buffer.alloc(0);

function pack(): Buffer {
  return packPackage({ manifestFields: manifestFieldsFor(sender.siteId, 'phong-tc'), ops, privateKey: sender.privateKey });
}

const cases: BenchCase[] = [
  {
    name: 'sync.packPackage',
    size: `${OPS.toLocaleString('en')} ops (validate, NDJSON, deflate, SHA-256, Ed25519 sign)`,
    setup: () => {
      ops = makeOps(OPS, sender.siteId);
    },
    run: () => {
      bytes = pack();
    },
  },
  {
    name: 'sync.verifyPackage',
    size: `${OPS.toLocaleString('en')} ops (header, manifest, signature, hash, bounded inflate, zod per op)`,
    setup: () => {
      ops = makeOps(OPS, sender.siteId);
      bytes = pack();
    },
    run: () => {
      const verified = verifyPackage(bytes, { trustedKeys, mySiteId: 'phong-tc' });
      if (verified.ops.length !== OPS) throw new Error('verify lost ops');
    },
  },
];

export default cases;
