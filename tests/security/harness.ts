/**
 * Offices for the attack tests: real Dexie databases (fake-indexeddb) driven by the app's own
 * export and import, real `.dondoc` files signed and verified by main's code, one real Ed25519
 * key per site. An attacker is a trusted unit office that owns its key and writes whatever
 * package it likes with it (electron/main/sync/pack.ts's packPackage, as its own main would).
 */
import { expect } from 'vitest';
import { canonicalState, type Op, type State } from '../../shared/data/ops';
import { formatHlc } from '../../shared/data/hlc';
import type { PackageDataMsg } from '../../shared/ipc/channels/sync';
import { chainOps, EMPTY_HEAD, opChainHash, type ChainHead, type Checkpoint } from '../../shared/sync/authorship';
import { sha256Hex } from '../../electron/main/sync/ed25519';
import { nodeChainCrypto, signCheckpoint } from '../../electron/main/sync/authorship';
import { packPackage } from '../../electron/main/sync/pack';
import { DondocDb, ENTITY_TABLES } from '../../renderer/src/data/db';
import { entityRows } from '../../renderer/src/data/taskLogs';
import { withWrites, type WriteContext } from '../../renderer/src/data/repository';
import { allHeads } from '../../renderer/src/data/chain';
import { exportPackage, localVector } from '../../renderer/src/features/sync/data/exportPackage';
import { importPackage, importRejections, type ImportReport } from '../../renderer/src/features/sync/data/importPackage';
import { previousKeys, trustedKeys } from '../../renderer/src/features/sync/data/peers';
import type { RejectionRow } from '../../renderer/src/features/sync/data/types';
import { createTasks, reportProgress, type TaskActor } from '../../renderer/src/features/tasks/data/commands';
import { FakeMain, readAs, siteKey } from '../unit/syncMain';
import { openSiteDb } from '../unit/siteDb';

let clock = Date.parse('2026-05-04T02:00:00Z');
export const now = () => new Date((clock += 1000));
export const peek = () => clock;

export const COORD = 'vp-tinh';
export const XA_A = 'xa-a';
export const XA_B = 'xa-b';
const SITES = [
  { site: COORD, role: 'coordinator' as const, units: ['u-ubnd', 'u-vp'], name: 'Văn phòng UBND tỉnh' },
  { site: XA_A, role: 'unit' as const, units: ['u-xa-a'], name: 'UBND xã Hòa An' },
  { site: XA_B, role: 'unit' as const, units: ['u-xa-b'], name: 'UBND xã Bình Long' },
];

export interface Office {
  db: DondocDb;
  ctx: WriteContext;
  site: string;
  main: FakeMain;
  outbox: Map<string, { seq: number; hash: string | null }>;
}

export async function office(site: string): Promise<Office> {
  const { db, ctx } = await openSiteDb('security', SITES.find((s) => s.site === site)!, SITES, now);
  return { db, ctx, site, main: new FakeMain(site), outbox: new Map() };
}

/** The three offices, the coordinator's units and a task led by xa-b, delivered to both communes. */
export async function province(): Promise<{ coord: Office; xaA: Office; xaB: Office; taskId: string }> {
  const coord = await office(COORD);
  const xaA = await office(XA_A);
  const xaB = await office(XA_B);
  await withWrites(coord.db, coord.ctx, ['units'], async (w) => {
    for (const [id, name, parentId] of [
      ['u-ubnd', 'UBND tỉnh Cao Bằng', null],
      ['u-vp', 'Văn phòng UBND tỉnh', 'u-ubnd'],
      ['u-xa-a', 'UBND xã Hòa An', 'u-ubnd'],
      ['u-xa-b', 'UBND xã Bình Long', 'u-ubnd'],
    ] as const)
      await w.set('units', id, { name, parentId, shortName: id, kind: 'other', symbol: '', validFrom: '2025-07-01', validTo: null, order: 0, fields: [] }, 'Thêm đơn vị', name);
  });
  const admin: TaskActor = { role: 'admin', unitId: null, officialId: null };
  const [taskId] = await createTasks(coord.db, coord.ctx, admin, [
    {
      title: 'Rà soát hộ nghèo năm 2026',
      content: '',
      directiveId: null,
      assignerUnitId: 'u-ubnd',
      assignerOfficialId: null,
      leadUnitId: 'u-xa-b',
      supportUnitIds: [],
      responsibleOfficialId: null,
      deadline: { kind: 'fixed', date: '2026-06-30' },
      assignedOn: '2026-05-04',
      planYear: 2026,
      priority: 'normal',
      legalBasis: '',
      authorityLevel: 'province',
    },
  ]);
  await send(coord, xaA);
  await send(coord, xaB);
  return { coord, xaA, xaB, taskId };
}

/** The honest path: a exports for b with the app's export, main packs and signs it. */
export async function exportBytes(a: Office, to: string): Promise<Buffer> {
  let bytes: Buffer | null = null;
  await exportPackage(a.db, a.ctx, { to, name: to }, async (req) => {
    const stream = a.outbox.get(req.to) ?? { seq: 0, hash: null };
    const seq = stream.seq + 1;
    bytes = await a.main.pack(req, { seq, prevPackageHash: stream.hash, createdAt: now().toISOString() });
    const packageHash = sha256Hex(bytes);
    a.outbox.set(req.to, { seq, hash: packageHash });
    return { canceled: false, path: `/usb/goi-${seq}.dondoc`, seq, packageHash, prevPackageHash: stream.hash, opCount: req.ops.length, bytes: bytes.length };
  });
  return bytes!;
}

/** What b's main hands b's renderer (checked against the keys b trusts), then b's import. */
export async function importBytes(b: Office, bytes: Buffer): Promise<{ pkg: PackageDataMsg; report: ImportReport; refused: RejectionRow[] }> {
  const pkg = readAs(b.site, bytes, await trustedKeys(b.db), await previousKeys(b.db));
  const report = await importPackage(b.db, b.ctx, pkg, 'goi.dondoc');
  return { pkg, report, refused: await importRejections(b.db, pkg.packageHash) };
}

export async function send(a: Office, b: Office) {
  return importBytes(b, await exportBytes(a, b.site));
}

/** A unit's real progress report on its own task: an op it may write. */
export async function honestProgress(o: Office, taskId: string, percent: number): Promise<void> {
  await reportProgress(o.db, o.ctx, { role: 'admin', unitId: null, officialId: null }, taskId, { percent, text: `Đã làm ${percent}%` });
}

/** The chain head `holder` holds for `author`. */
export async function headAt(holder: Office, author: string): Promise<ChainHead> {
  return (await allHeads(holder.db, holder.site)).get(author) ?? EMPTY_HEAD;
}

// Forged ids and crafted package numbers only need to differ within a run; counters keep runs identical.
let forgeries = 0;
let craftedPackages = 0;

/** An op in `claimed`'s name continuing the chain `after`, as a forger would make it. */
export function forgedOp(claimed: string, after: ChainHead, fields: Pick<Op, 'entity' | 'rowId' | 'values'>, millis = peek()): Op {
  const op: Op = { id: `forged-${++forgeries}`, site: claimed, hlc: formatHlc({ millis, counter: 0, node: claimed }), kind: 'set', actor: 'admin (giả mạo)', ...fields };
  return chainOps([op], after, nodeChainCrypto).ops[0];
}

/** A checkpoint over `op` in its claimed author's name, signed with someone else's key. */
export function checkpointBy(signer: string, op: Op, namedKey = siteKey(signer).publicKey): Checkpoint {
  const cp = signCheckpoint({ site: op.site, seq: op.seq!, head: opChainHash(op, nodeChainCrypto) }, siteKey(signer).privateKey);
  return { ...cp, key: namedKey };
}

/**
 * The attacker's own package: what its honest export would carry, plus `extra` ops and
 * checkpoints, signed with the attacker's real key. `createdAt` defaults to now.
 */
export async function craft(attacker: Office, to: string, extra: { ops: Op[]; checkpoints: Checkpoint[]; createdAt?: string; alter?: (ops: Op[]) => Op[] }): Promise<Buffer> {
  let honest: { ops: Op[]; checkpoints: Checkpoint[]; versionVector: Record<string, string> } | null = null;
  await exportPackage(attacker.db, attacker.ctx, { to, name: to }, async (req) => {
    honest = { ops: req.ops as Op[], checkpoints: req.checkpoints ?? [], versionVector: req.versionVector as Record<string, string> };
    return { canceled: true, path: null, seq: null, packageHash: null, prevPackageHash: null, opCount: 0, bytes: 0 };
  });
  const h = honest!;
  // The attacker's own checkpoint, as its main would sign it.
  const own = h.ops.filter((o) => o.site === attacker.site);
  const ownCp = own.length ? [signCheckpoint({ site: attacker.site, seq: own[own.length - 1].seq!, head: opChainHash(own[own.length - 1], nodeChainCrypto) }, siteKey(attacker.site).privateKey)] : [];
  const ops = (extra.alter ?? ((x) => x))([...h.ops, ...extra.ops]);
  return packPackage({
    manifestFields: {
      schemaVersion: 7,
      from: attacker.site,
      to,
      seq: 100 + ++craftedPackages,
      prevPackageHash: null,
      createdAt: extra.createdAt ?? now().toISOString(),
      versionVector: h.versionVector,
      checkpoints: [...h.checkpoints, ...ownCp, ...extra.checkpoints],
    },
    ops,
    privateKey: siteKey(attacker.site).privateKey,
  });
}

/** Every entity row (but the tables in `except`), canonical: "nothing else changed" compares two of these. */
export async function snapshot(db: DondocDb, except: readonly string[] = []): Promise<string> {
  const state: State = new Map();
  for (const t of ENTITY_TABLES) if (!except.includes(t)) for (const row of await entityRows(db, t)) state.set(`${t}/${row.id}`, row);
  return canonicalState(state);
}

export async function vectorOf(o: Office): Promise<Record<string, string>> {
  return localVector(o.db, o.site);
}

/** Each refused op is listed as unproven with a Vietnamese reason. */
export function expectUnproven(refused: RejectionRow[], ids: string[]): void {
  for (const id of ids) {
    const row = refused.find((r) => r.op.id === id);
    expect(row, `op ${id} is listed`).toBeDefined();
    expect(row).toMatchObject({ status: 'rejected', code: 'unproven' });
    expect(row!.reason).toMatch(/[àáảãạăâđêôơư]/);
  }
}
