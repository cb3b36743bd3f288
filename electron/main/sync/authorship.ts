/**
 * Main's half of proven authorship (model in shared/sync/authorship.ts): Node crypto for chain
 * hashes and checkpoint signatures, and the one place this site's key signs a checkpoint.
 * Main signs only checkpoints of this site's own chain, after checking that the ops it is shown
 * link up and continue what it signed before, so it never signs two histories for one seq.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { Op } from '../../../shared/data/ops';
import {
  CHECKPOINT_CONTEXT,
  GENESIS_CHAIN_HASH,
  checkpointMessage,
  opChainHash,
  proveAuthorship,
  type ChainHasher,
  type AuthorKey,
  type Checkpoint,
  type CheckpointBody,
  type CheckpointVerifier,
  type ProofResult,
} from '../../../shared/sync/authorship';
import { publicKeyBase64, signWithContext, verifyWithContext } from './ed25519';
import { atomicWrite, createMutex, readJsonFile } from './files';

export const nodeChainCrypto: ChainHasher & CheckpointVerifier = {
  sha256Hex: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
  verify: (context, message, signature, key) => verifyWithContext(context, Buffer.from(message, 'utf8'), Buffer.from(signature, 'base64'), key),
};

export function signCheckpoint(body: Omit<CheckpointBody, 'key'>, privateKey: KeyObject): Checkpoint {
  const full: CheckpointBody = { site: body.site, seq: body.seq, head: body.head, key: publicKeyBase64(privateKey) };
  return { ...full, signature: signWithContext(CHECKPOINT_CONTEXT, Buffer.from(checkpointMessage(full), 'utf8'), privateKey).toString('base64') };
}

/** Proof of a package's ops with Node crypto; `keysOf` lists a site's known keys. */
export function proveOps(ops: readonly Op[], checkpoints: readonly Checkpoint[], keysOf: (site: string) => readonly AuthorKey[]): ProofResult {
  return proveAuthorship(ops, checkpoints, keysOf, nodeChainCrypto);
}

/**
 * Which keys may sign each site's checkpoints when this site reads a package: its own keys
 * (current and earlier, from main's key store — never from the renderer) for itself, and for
 * every other site the trusted key plus the earlier keys the renderer holds for it.
 */
export function authorKeysFor(
  own: { siteId: string; publicKey: string; rotations: readonly { oldPublicKey: string; lastSeq?: number }[] },
  trustedKeys: Readonly<Record<string, string>>,
  previousKeys: Readonly<Record<string, readonly AuthorKey[]>> = {},
): (site: string) => readonly AuthorKey[] {
  const ownKeys: AuthorKey[] = [own.publicKey, ...own.rotations.map((r) => (r.lastSeq === undefined ? r.oldPublicKey : { publicKey: r.oldPublicKey, lastSeq: r.lastSeq }))];
  const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  return (site) => (site === own.siteId ? ownKeys : [...(has(trustedKeys, site) ? [trustedKeys[site]] : []), ...(has(previousKeys, site) ? previousKeys[site] : [])]);
}

/** The last checkpoint this site signed of its own chain. */
export interface SignedHead {
  seq: number;
  hash: string;
}

export interface OwnChainStore {
  read(): Promise<SignedHead | null>;
  write(head: SignedHead): Promise<void>;
}

export const CHAIN_FILE = join('sync', 'chain.json');
const chainFileSchema = z.object({ version: z.literal(1), siteId: z.string(), seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/), signedAt: z.string() });

export function fileChainStore(dataDir: string, siteId: () => Promise<string>, now: () => Date): OwnChainStore {
  const path = join(dataDir, CHAIN_FILE);
  return {
    async read() {
      const stored = await readJsonFile(path, chainFileSchema);
      if (!stored) return null;
      if (stored.siteId !== (await siteId())) throw new AppError('storage', `Tệp chuỗi thao tác đã ký thuộc đơn vị khác (${stored.siteId}).`);
      return { seq: stored.seq, hash: stored.hash };
    },
    async write(head) {
      await atomicWrite(path, JSON.stringify({ version: 1, siteId: await siteId(), seq: head.seq, hash: head.hash, signedAt: now().toISOString() }, null, 2));
    },
  };
}

export function memoryChainStore(): OwnChainStore {
  let head: SignedHead | null = null;
  return { read: async () => head, write: async (h) => void (head = h) };
}

const ownChainMessages = {
  unchained: 'Không tạo được gói: có thao tác của máy này chưa được xếp vào chuỗi thao tác (thiếu số thứ tự). Hãy khởi động lại ứng dụng rồi xuất lại.',
  broken: (seq: number) => `Không tạo được gói: chuỗi thao tác của máy này bị đứt hoặc bị sửa tại thao tác số ${seq}.`,
  notExtending: (signed: number) =>
    `Không tạo được gói: chuỗi thao tác của máy này không nối tiếp chuỗi đã ký trước đây (đến thao tác số ${signed}). Cơ sở dữ liệu có thể đã được khôi phục từ một bản sao lưu cũ; hãy liên hệ quản trị.`,
} as const;

/**
 * Checks this site's own ops (consecutive seqs, each linking to the previous one, continuing the
 * head signed before) and signs a checkpoint at the last one. Returns null when there is none.
 * Serialised: two exports at once never race on the stored head.
 */
export function createOwnSigner(store: OwnChainStore) {
  const exclusive = createMutex();
  return (siteId: string, ops: readonly Op[], privateKey: KeyObject): Promise<Checkpoint | null> =>
    exclusive(async () => {
      const own = ops.filter((o) => o.site === siteId);
      if (own.length === 0) return null;
      if (own.some((o) => o.seq === undefined || o.prevHash === undefined)) throw new AppError('invalid-input', ownChainMessages.unchained);
      own.sort((a, b) => a.seq! - b.seq!);
      const hashes = new Map<number, string>();
      for (let i = 0; i < own.length; i++) {
        const op = own[i];
        if (i > 0 && (op.seq !== own[i - 1].seq! + 1 || op.prevHash !== hashes.get(own[i - 1].seq!))) throw new AppError('invalid-input', ownChainMessages.broken(op.seq!));
        if (op.seq === 1 && op.prevHash !== GENESIS_CHAIN_HASH) throw new AppError('invalid-input', ownChainMessages.broken(1));
        hashes.set(op.seq!, opChainHash(op, nodeChainCrypto));
      }
      const first = own[0].seq!;
      const top = own[own.length - 1].seq!;
      const signed = await store.read();
      if (signed) {
        const continues =
          (first <= signed.seq && top >= signed.seq && hashes.get(signed.seq) === signed.hash) || (first === signed.seq + 1 && own[0].prevHash === signed.hash);
        if (!continues) throw new AppError('invalid-input', ownChainMessages.notExtending(signed.seq));
      }
      const head = { seq: top, hash: hashes.get(top)! };
      const checkpoint = signCheckpoint({ site: siteId, seq: head.seq, head: head.hash }, privateKey);
      if (!signed || top > signed.seq) await store.write(head);
      return checkpoint;
    });
}
