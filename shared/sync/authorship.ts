/**
 * Proven authorship of ops: per-author append-only hash chains with signed checkpoints (the
 * feed model of Secure Scuttlebutt and Hypercore).
 *
 * - Every op a site writes carries `seq` (1, 2, 3… per author site) and `prevHash`, the chain
 *   hash of the author's previous op (GENESIS_CHAIN_HASH for seq 1). The renderer stamps both in
 *   the same transaction that writes the op (renderer/src/data/repository.ts).
 * - The chain hash of an op is SHA-256 over OP_HASH_CONTEXT + canonical JSON of the whole op
 *   (seq and prevHash included), so each op commits to every earlier op of its author.
 * - A checkpoint {site, seq, head, key} says "my op number `seq` has chain hash `head`", signed by
 *   the author's site key (`key` names which one). Only main holds the key, and main signs only
 *   checkpoints of this site's own chain, after checking the ops link up (electron/main/sync/authorship.ts).
 * - A package carries, per author, a contiguous run of that author's ops and the checkpoint at the
 *   run's last op. Walking back from the checkpoint along prevHash proves every op of the run;
 *   a relay forwards ops and checkpoints unchanged and cannot alter either without breaking the walk.
 *
 * This module is pure: hashing and signature checks are injected (Node crypto in main, the
 * @noble/hashes SHA-256 in the renderer).
 */
import { parseHlc } from '../data/hlc';
import type { Op } from '../data/ops';
import { canonicalJson } from '../data/canonical';
import { CHECKPOINT_CONTEXT, type Checkpoint, type CheckpointBody, type LimitedKey } from './package';

export { CHECKPOINT_CONTEXT, checkpointBodySchema, checkpointSchema, type Checkpoint, type CheckpointBody } from './package';

export const GENESIS_CHAIN_HASH = '0'.repeat(64);
export const OP_HASH_CONTEXT = 'DONDOC-OP-CHAIN-v1\0';

/**
 * An op stamped further ahead than this of the package's creation time (or of the receiver's
 * clock, whichever is earlier) is refused for now. Ten minutes covers ordinary clock skew
 * between offices; an op so refused is not acknowledged, so it comes again in a later package.
 */
export const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;


/** The crypto this module needs, injected. */
export interface ChainHasher {
  /** SHA-256 of the UTF-8 bytes of `text`, lowercase hex. */
  sha256Hex(text: string): string;
}
export interface CheckpointVerifier {
  /** Ed25519 over `context + message` (UTF-8) with the base64 raw public key. */
  verify(context: string, message: string, signatureBase64: string, publicKeyBase64: string): boolean;
}

/** The text an op's chain hash is computed over. */
export function opHashInput(op: Op): string {
  return OP_HASH_CONTEXT + canonicalJson(op);
}

export function opChainHash(op: Op, hasher: ChainHasher): string {
  return hasher.sha256Hex(opHashInput(op));
}

/** The bytes a checkpoint signature covers (after CHECKPOINT_CONTEXT). */
export function checkpointMessage(body: CheckpointBody): string {
  const { site, seq, head, key } = body;
  return canonicalJson({ site, seq, head, key });
}

/** One author's chain as a site holds it: the last op of its contiguous proven run. */
export interface ChainHead {
  seq: number;
  /** Chain hash of op number `seq`. */
  hash: string;
  /** That op's hlc: what this site acknowledges for the author. */
  hlc: string;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_CHAIN_HASH, hlc: '' };

export const authorshipMessages = {
  noProof: 'Thao tác không mang bằng chứng tác giả (thiếu số thứ tự hoặc mã băm chuỗi); không chứng minh được do máy nào tạo.',
  unknownAuthor: (site: string) => `Thao tác ghi là của máy "${site}", máy này không có khóa của máy đó trong danh bạ đơn vị nên không kiểm chứng được tác giả.`,
  noCheckpoint: (site: string) => `Gói không mang xác nhận có chữ ký của máy "${site}" cho thao tác này; không chứng minh được thao tác do máy đó tạo.`,
  replacedKey: (site: string, lastSeq: number) =>
    `Xác nhận chuỗi thao tác của máy "${site}" được ký bằng một khóa máy đó đã thay, cho thao tác sau số ${lastSeq} (khóa cũ chỉ còn chứng minh được các thao tác đến số ${lastSeq}); có thể khóa cũ đã bị lộ. Bị từ chối.`,
  badCheckpoint: (site: string) => `Xác nhận chuỗi thao tác ghi là của máy "${site}" không có chữ ký hợp lệ bằng khóa của máy đó (giả mạo hoặc khóa không khớp danh bạ).`,
  notOnChain: (site: string) =>
    `Thao tác không thuộc chuỗi mà máy "${site}" đã ký xác nhận: nội dung đã bị sửa, bị giả mạo, hoặc nằm trước một thao tác bị sửa nên không chứng minh được.`,
  ownWithoutProof: 'Thao tác ghi là của chính máy này nhưng không có trong chuỗi thao tác do máy này ký; bị từ chối.',
  future: (site: string, at: string, tolerance: number) =>
    `Thao tác của máy "${site}" được đóng dấu thời gian ${at}, vượt quá thời điểm tạo gói (hoặc giờ của máy này) hơn ${Math.round(tolerance / 60000)} phút; chưa nhận. Thao tác không được ghi nhận là đã nhận nên sẽ được gửi lại trong gói sau.`,
  fork: (site: string, seq: number) =>
    `Thao tác số ${seq} của máy "${site}" không nối tiếp chuỗi thao tác đã nhận từ máy đó (máy đó đã ký hai lịch sử khác nhau); bị từ chối.`,
  gap: (site: string, from: number) =>
    `Chưa nhận các thao tác trước đó của máy "${site}" (từ số ${from}); thao tác này chưa được nhận và sẽ đến lại cùng các thao tác còn thiếu trong gói sau.`,
  afterRefused: (site: string) =>
    `Thao tác nằm sau một thao tác bị từ chối trong chuỗi của máy "${site}" nên chưa chứng minh được là tiếp nối hợp lệ; chưa nhận (sẽ đến lại trong gói sau).`,
} as const;

// ─── Proof: stateless check of a package's ops against its checkpoints ─────────────────

export interface ProofResult {
  /** Index in the package → reason, for every op whose authorship is not proven. */
  refused: Map<number, string>;
  /** Checkpoints whose signature verified with a key of their site. */
  checkpoints: Checkpoint[];
}

/**
 * A key that may sign a site's checkpoints: its current key (a string), or an earlier key with
 * the last chain position it signed before it was replaced.
 */
export type AuthorKey = string | LimitedKey;

export const authorKeyText = (k: AuthorKey): string => (typeof k === 'string' ? k : k.publicKey);

/**
 * Proves each op as written by the site it names. `keysOf(site)` lists the keys this verifier
 * holds for a site (registry key, earlier keys, keys reached by rotation announcements); an
 * earlier key's checkpoint proves nothing beyond the position at which it was replaced.
 * An op is proven when it is reached by walking back along prevHash from a checkpoint whose
 * signature verifies under one of those keys, with seq falling by one at each step.
 */
export function proveAuthorship(
  ops: readonly Op[],
  checkpoints: readonly Checkpoint[],
  keysOf: (site: string) => readonly AuthorKey[],
  crypto: ChainHasher & CheckpointVerifier,
): ProofResult {
  const refused = new Map<number, string>();
  const valid: Checkpoint[] = [];
  const badCheckpointSites = new Set<string>();
  const badCheckpointAt = new Set<string>();
  // Site → the lowest limit of a replaced key that signed a checkpoint beyond it.
  const replacedKeyUsed = new Map<string, number>();
  for (const cp of checkpoints) {
    const key = keysOf(cp.site).find((k) => authorKeyText(k) === cp.key);
    const limit = key !== undefined && typeof key !== 'string' ? key.lastSeq : undefined;
    const signed = key !== undefined && crypto.verify(CHECKPOINT_CONTEXT, checkpointMessage(cp), cp.signature, cp.key);
    if (signed && limit !== undefined && cp.seq > limit) {
      replacedKeyUsed.set(cp.site, Math.min(limit, replacedKeyUsed.get(cp.site) ?? limit));
      badCheckpointAt.add(`${cp.site}\n${cp.seq}`);
      badCheckpointSites.add(cp.site);
    } else if (signed) valid.push(cp);
    else {
      badCheckpointSites.add(cp.site);
      badCheckpointAt.add(`${cp.site}\n${cp.seq}`);
    }
  }
  // Chain hash → index, per author; only ops that carry a chain position.
  const byHash = new Map<string, number[]>();
  const hashes: (string | null)[] = new Array<string | null>(ops.length).fill(null);
  ops.forEach((op, i) => {
    if (op.seq === undefined || op.prevHash === undefined) return;
    const h = opChainHash(op, crypto);
    hashes[i] = h;
    const key = `${op.site}\n${h}`;
    const list = byHash.get(key);
    if (list) list.push(i);
    else byHash.set(key, [i]);
  });
  const proven = new Uint8Array(ops.length);
  for (const cp of valid) {
    let expectHash = cp.head;
    let expectSeq = cp.seq;
    while (expectSeq >= 1) {
      const candidates = byHash.get(`${cp.site}\n${expectHash}`);
      const at = candidates?.find((i) => ops[i].seq === expectSeq);
      if (at === undefined) break;
      if (proven[at]) break; // walked already from a later checkpoint
      proven[at] = 1;
      for (const i of candidates!) if (ops[i].seq === expectSeq) proven[i] = 1; // exact duplicates
      expectHash = ops[at].prevHash!;
      expectSeq -= 1;
    }
  }
  const validSites = new Set(valid.map((c) => c.site));
  ops.forEach((op, i) => {
    if (proven[i]) return;
    if (hashes[i] === null) refused.set(i, authorshipMessages.noProof);
    else if (keysOf(op.site).length === 0) refused.set(i, authorshipMessages.unknownAuthor(op.site));
    else if (replacedKeyUsed.has(op.site) && op.seq! > replacedKeyUsed.get(op.site)!) refused.set(i, authorshipMessages.replacedKey(op.site, replacedKeyUsed.get(op.site)!));
    else if (badCheckpointAt.has(`${op.site}\n${op.seq}`)) refused.set(i, authorshipMessages.badCheckpoint(op.site));
    else if (validSites.has(op.site)) refused.set(i, authorshipMessages.notOnChain(op.site));
    else if (badCheckpointSites.has(op.site)) refused.set(i, authorshipMessages.badCheckpoint(op.site));
    else refused.set(i, authorshipMessages.noCheckpoint(op.site));
  });
  return { refused, checkpoints: valid };
}

// ─── Admission: what a site takes from a proven package, given the chains it holds ──────

export interface AdmitInput {
  ops: readonly Op[];
  /** Op id → reason from proveAuthorship (ids of refused ops; an id a forger reuses is refused too). */
  refusedIndex: ReadonlyMap<number, string>;
  /** Valid checkpoints (proveAuthorship's). */
  checkpoints: readonly Checkpoint[];
  /** Chains this site holds, by author site. */
  heads: ReadonlyMap<string, ChainHead>;
  mySite: string;
  /** min(package creation time, receiver's clock), in ms. */
  notAfter: number;
  toleranceMs?: number;
}

export interface AdmitResult {
  /** Ops to judge for authority and apply (proven, in chain order per author). */
  admitted: Op[];
  refused: { index: number; op: Op; reason: string }[];
  /** Authors whose chain moved forward, with the new head and the checkpoint at it. */
  advanced: Map<string, { head: ChainHead; checkpoint: Checkpoint }>;
}

/**
 * Takes, per author, the proven ops that continue the chain this site holds, up to the highest
 * checkpoint the whole run reaches: a run is taken whole (so the checkpoint kept for relaying is
 * always at the head) or not at all. Ops at or below the held head are passed through (already
 * held, or the same op again). An op of this site is taken only when this site's own key proves
 * it and it lies within the chain this site wrote. Everything else is refused with a reason;
 * nothing refused moves the acknowledgement, so honest ops held back here come again.
 */
export function admitOps(input: AdmitInput): AdmitResult {
  const tolerance = input.toleranceMs ?? FUTURE_TOLERANCE_MS;
  const refused: AdmitResult['refused'] = [];
  const admitted: Op[] = [];
  const advanced = new Map<string, { head: ChainHead; checkpoint: Checkpoint }>();
  const byAuthor = new Map<string, number[]>();
  input.ops.forEach((op, i) => {
    const proofReason = input.refusedIndex.get(i);
    if (proofReason !== undefined) {
      refused.push({ index: i, op, reason: op.site === input.mySite ? authorshipMessages.ownWithoutProof : proofReason });
      return;
    }
    const list = byAuthor.get(op.site);
    if (list) list.push(i);
    else byAuthor.set(op.site, [i]);
  });
  const cpsBySite = new Map<string, Map<number, Checkpoint>>();
  for (const cp of input.checkpoints) {
    let m = cpsBySite.get(cp.site);
    if (!m) cpsBySite.set(cp.site, (m = new Map()));
    m.set(cp.seq, cp);
  }

  for (const [site, indices] of byAuthor) {
    indices.sort((a, b) => input.ops[a].seq! - input.ops[b].seq!);
    const head = input.heads.get(site) ?? EMPTY_HEAD;
    const own = site === input.mySite;
    const above: number[] = [];
    for (const i of indices) {
      const op = input.ops[i];
      if (op.seq! <= head.seq) admitted.push(op);
      else if (own) refused.push({ index: i, op, reason: authorshipMessages.ownWithoutProof });
      else above.push(i);
    }
    if (above.length === 0) continue;
    // Chain hashes known from the proof: each proven op names its predecessor's, checkpoints their head's.
    const hashAt = new Map<number, string>();
    for (const i of indices) hashAt.set(input.ops[i].seq! - 1, input.ops[i].prevHash!);
    const cps = cpsBySite.get(site) ?? new Map<number, Checkpoint>();
    for (const cp of cps.values()) hashAt.set(cp.seq, cp.head);

    // Walk forward from the held head while the run continues; remember the last checkpointed op.
    let expectSeq = head.seq + 1;
    let expectPrev = head.hash;
    let lastGood = -1; // index into `above` of the last op at a checkpoint
    let stop: { at: number; reason: string } | null = null;
    const seen = new Set<number>();
    for (let k = 0; k < above.length; k++) {
      const op = input.ops[above[k]];
      if (seen.has(op.seq!)) continue; // an exact duplicate of the op just taken
      if (op.seq! !== expectSeq) {
        stop = { at: k, reason: authorshipMessages.gap(site, expectSeq) };
        break;
      }
      if (op.prevHash !== expectPrev) {
        stop = { at: k, reason: authorshipMessages.fork(site, op.seq!) };
        break;
      }
      let millis: number;
      try {
        millis = parseHlc(op.hlc).millis;
      } catch {
        millis = Number.POSITIVE_INFINITY;
      }
      if (millis > input.notAfter + tolerance) {
        stop = { at: k, reason: authorshipMessages.future(site, new Date(Math.min(millis, 8.64e15)).toISOString(), tolerance) };
        break;
      }
      seen.add(op.seq!);
      if (cps.has(op.seq!)) lastGood = k;
      expectPrev = hashAt.get(op.seq!) ?? '';
      expectSeq += 1;
    }
    for (let k = 0; k < above.length; k++) {
      const i = above[k];
      const op = input.ops[i];
      if (k <= lastGood) admitted.push(op);
      else if (stop && k === stop.at) refused.push({ index: i, op, reason: stop.reason });
      else refused.push({ index: i, op, reason: authorshipMessages.afterRefused(site) });
    }
    if (lastGood >= 0) {
      const top = input.ops[above[lastGood]];
      const checkpoint = cps.get(top.seq!)!;
      advanced.set(site, { head: { seq: top.seq!, hash: checkpoint.head, hlc: top.hlc }, checkpoint });
    }
  }
  return { admitted, refused, advanced };
}

/** The acknowledgement a site gives: per author, the hlc at the head of the chain it holds. */
export function vectorOfHeads(heads: Iterable<[string, ChainHead]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [site, head] of heads) if (head.seq > 0 && head.hlc) out[site] = head.hlc;
  return out;
}

/**
 * Links ops of one author into its chain: `ops` in writing order, continuing from `head`.
 * Returns the stamped ops and the new head. Used at write time and to chain ops written
 * before authorship existed.
 */
export function chainOps(ops: readonly Op[], head: ChainHead, hasher: ChainHasher): { ops: Op[]; head: ChainHead } {
  let current = head;
  const out: Op[] = new Array<Op>(ops.length);
  for (let i = 0; i < ops.length; i++) {
    const op: Op = { ...ops[i], seq: current.seq + 1, prevHash: current.hash };
    out[i] = op;
    current = { seq: op.seq!, hash: opChainHash(op, hasher), hlc: op.hlc };
  }
  return { ops: out, head: current };
}
