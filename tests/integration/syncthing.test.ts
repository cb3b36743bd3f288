/**
 * Two app sites (a coordinator and a commune) exchanging packages through two real Syncthing
 * daemons on 127.0.0.1: main's exchange handlers (real keys, packing, signing, verification,
 * exchange folders) and the renderer's cycle (real export, import and apply on Dexie over
 * fake-indexeddb), one Syncthing folder each way (send-only outbox → receive-only inbox).
 * Then a daemon killed in the middle of a transfer and restarted, a package delivered twice
 * and a truncated file: the replicas still converge and no package is imported twice.
 */
import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Channel } from '@shared/ipc/contract';
import { canonicalState, type JsonValue, type State } from '@shared/data/ops';
import { ORGANISATION_SETTINGS_ID, type Organisation } from '@shared/registries/organisation';
import { BAD_DIR, isPackageName } from '@shared/sync/exchange';
import { fingerprint } from '@shared/sync/fingerprint';
import type { HandlerTable } from '../../electron/main/ipc/types';
import type { SecretBox } from '../../electron/main/deps';
import { createKeyStore } from '../../electron/main/sync/keys';
import { createExchangeHandlers } from '../../electron/main/handlers/exchange';
import { createPackageExporter } from '../../electron/main/handlers/sync';
import { DondocDb, ENTITY_TABLES } from '../../renderer/src/data/db';
import { entityRows, logOf } from '../../renderer/src/data/taskLogs';
import { withWrites, type WriteContext } from '../../renderer/src/data/repository';
import { createTasks, reportProgress, type TaskActor } from '../../renderer/src/features/tasks/data/commands';
import { runExchangeCycle, type ExchangeCall, type PeerCycle } from '../../renderer/src/features/sync/data/exchange';
import type { PeerRow } from '../../renderer/src/features/sync/data/types';
import { SyncthingDaemon, syncthingBinary, waitFor } from './syncthingDaemon';
import { testDeps } from '../fixtures/mainDeps';

const HAVE_SYNCTHING = syncthingBinary() !== null;
if (!HAVE_SYNCTHING && process.env.CI) throw new Error('syncthing is not installed (.ci/run installs the Debian package)');

const box: SecretBox = {
  available: () => true,
  encrypt: (b) => Buffer.from(b),
  decrypt: (b) => Buffer.from(b),
};
const ipcCtx = { senderUrl: 'app://dondoc/index.html' };
const admin: TaskActor = { role: 'admin', unitId: null, officialId: null };
let clock = Date.parse('2026-05-04T02:00:00Z');
const tick = () => new Date((clock += 1000));

interface AppSite {
  siteId: string;
  name: string;
  role: 'coordinator' | 'unit';
  units: string[];
  db: DondocDb;
  ctx: WriteContext;
  call: ExchangeCall;
  publicKey: string;
  /** Every package hash this site imported, in order, over the whole test. */
  imported: string[];
}

let root: string;
let vp: AppSite;
let xa: AppSite;
let stVp: SyncthingDaemon;
let stXa: SyncthingDaemon;
const F = { vpToXa: 'vp-to-xa', xaToVp: 'xa-to-vp' } as const;
const dirs = { vpOut: '', vpIn: '', xaOut: '', xaIn: '' };

async function makeSite(siteId: string, name: string, role: AppSite['role'], units: string[]): Promise<AppSite> {
  const deps = testDeps(join(root, `app-${siteId}`), tick, { secretBox: box });
  const keys = createKeyStore(deps, () => siteId);
  // Short settle so a truncated file is judged within the test; the app waits longer.
  const handlers = createExchangeHandlers(deps, {
    siteId: () => siteId,
    keys,
    exporter: createPackageExporter(deps, keys),
    settle: { minScans: 2, minMs: 0 },
  });
  // As over IPC: requests and responses through the contract's schemas.
  const call = (async (channel: Channel, request: unknown) => {
    const def = contract[channel];
    const handler = (handlers as unknown as HandlerTable)[channel] as (req: unknown, ctx: typeof ipcCtx) => Promise<unknown>;
    return def.res.parse(await handler(def.req.parse(request), ipcCtx));
  }) as ExchangeCall;
  const db = new DondocDb(`st-${siteId}-${Math.random()}`);
  const ctx: WriteContext = {
    site: siteId,
    actor: `admin (${name})`,
    now: tick,
  };
  const org: Organisation = {
    authorityName: name,
    parentName: '',
    placeName: 'Cao Bằng',
    authoritySymbol: 'UBND',
    siteRole: role,
    actsForUnitIds: units,
    authorityUnitId: units[0],
  };
  await withWrites(db, ctx, ['settings'], (w) => w.set('settings', ORGANISATION_SETTINGS_ID, org as unknown as Record<string, JsonValue>, 'Thiết lập', name));
  return {
    siteId,
    name,
    role,
    units,
    db,
    ctx,
    call,
    publicKey: (await keys.identity()).publicKey,
    imported: [],
  };
}

async function pair(me: AppSite, other: AppSite): Promise<void> {
  const row: PeerRow = {
    siteId: other.siteId,
    name: other.name,
    units: other.units,
    role: other.role,
    publicKey: other.publicKey,
    fingerprint: fingerprint(other.publicKey),
    trustedAt: '2026-05-01T00:00:00Z',
    trustedBy: 'admin',
    previousKeys: [],
    ack: {},
    lastReceivedAt: null,
    lastSentAt: null,
  };
  await me.db.peers.put(row);
}

async function dump(db: DondocDb): Promise<string> {
  const state: State = new Map();
  for (const t of ENTITY_TABLES) {
    if (t === 'settings') continue;
    for (const r of await entityRows(db, t)) state.set(`${t}/${r.id}`, r);
  }
  return canonicalState(state);
}

async function cycle(site: AppSite): Promise<PeerCycle[]> {
  const out = await runExchangeCycle(site.db, site.ctx, site.call, {
    exportToo: true,
  });
  for (const p of out) {
    expect(p.errors, `${site.siteId}: ${p.errors.join('; ')}`).toEqual([]);
    for (const r of p.imported) {
      expect(r.status).toBe('imported');
      site.imported.push(r.packageHash);
    }
  }
  return out;
}

/**
 * The package files in a folder and their hashes. Syncthing carries deletions too (the sender
 * cleans acknowledged packages), so a file listed may be gone when it is read: it is left out,
 * and the caller's bounded wait looks again.
 */
async function packageFiles(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of (await readdir(dir)).filter(isPackageName)) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(dir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    out.set(name, createHash('sha256').update(bytes).digest('hex'));
  }
  return out;
}

/** Bounded wait until every package file of each outbox is in the matching inbox, byte for byte, and deletions went through. */
async function delivered(timeoutMs = 60_000): Promise<void> {
  await Promise.all([stVp.scan(F.vpToXa), stXa.scan(F.xaToVp)]);
  const same = async (out: string, inbox: string) => {
    const [a, b] = await Promise.all([packageFiles(out), packageFiles(inbox)]);
    // A file the receiver moved aside counts as delivered.
    const aside = new Set(await readdir(join(inbox, BAD_DIR)).catch(() => [] as string[]));
    for (const [name, hash] of a) if (b.get(name) !== hash && !aside.has(name)) return false;
    for (const name of b.keys()) if (!a.has(name)) return false;
    return true;
  };
  await waitFor('packages delivered both ways', timeoutMs, async () => (await same(dirs.vpOut, dirs.xaIn)) && (await same(dirs.xaOut, dirs.vpIn)));
}

/** Cycles both sites through the daemons until both replicas hold the same data and nothing new is written. */
async function converge(maxRounds = 8): Promise<number> {
  for (let round = 1; round <= maxRounds; round++) {
    const a = await cycle(vp);
    const b = await cycle(xa);
    const wrote = [...a, ...b].some((p) => p.exportedSeq !== null);
    await delivered();
    if (!wrote && (await dump(vp.db)) === (await dump(xa.db))) return round;
  }
  throw new Error(`replicas did not converge in ${maxRounds} rounds`);
}

function expectNoDoubleImport(site: AppSite): void {
  expect(new Set(site.imported).size, `${site.siteId} imported a package twice`).toBe(site.imported.length);
}

async function auditImports(site: AppSite): Promise<number> {
  return (await site.db.audit.toArray()).filter((a) => a.action === 'Nhập gói đồng bộ').length;
}

async function assignTasks(count: number, contentBytes: number): Promise<string[]> {
  const drafts = Array.from({ length: count }, (_, i) => ({
    title: `Nhiệm vụ kiểm thử ${i + 1}`,
    content: contentBytes ? randomText(contentBytes, i) : '',
    directiveId: null,
    assignerUnitId: 'u-ubnd',
    assignerOfficialId: null,
    leadUnitId: 'u-xa-a',
    supportUnitIds: [],
    responsibleOfficialId: null,
    deadline: { kind: 'fixed' as const, date: '2026-06-30' },
    assignedOn: '2026-05-04',
    planYear: 2026,
    priority: 'normal' as const,
    legalBasis: '',
    authorityLevel: 'province' as const,
  }));
  return createTasks(vp.db, vp.ctx, admin, drafts);
}

/** Incompressible text, so a package is big enough to be caught in flight. */
function randomText(bytes: number, seed: number): string {
  let out = '';
  let i = 0;
  while (out.length < bytes) out += createHash('sha256').update(`${seed}:${i++}`).digest('base64');
  return out.slice(0, bytes);
}

describe.skipIf(!HAVE_SYNCTHING)('exchange through two real Syncthing daemons', () => {
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'dondoc-syncthing-'));
    vp = await makeSite('vp-tinh', 'Văn phòng UBND tỉnh', 'coordinator', ['u-ubnd', 'u-vp']);
    xa = await makeSite('xa-a', 'UBND xã Hòa An', 'unit', ['u-xa-a']);
    await pair(vp, xa);
    await pair(xa, vp);
    stVp = new SyncthingDaemon('vp', join(root, 'st-vp'));
    stXa = new SyncthingDaemon('xa', join(root, 'st-xa'));
    await Promise.all([stVp.init(), stXa.init()]);
    dirs.vpOut = join(root, 'vp', 'gui-xa-a');
    dirs.vpIn = join(root, 'vp', 'nhan-xa-a');
    dirs.xaOut = join(root, 'xa', 'gui-vp');
    dirs.xaIn = join(root, 'xa', 'nhan-vp');
    // The commune's link is slow (256 KiB/s each way, after Syncthing's 512 KiB burst), so a
    // large package is in flight for seconds.
    await stVp.writeConfig(stXa, [
      { id: F.vpToXa, path: dirs.vpOut, type: 'sendonly' },
      { id: F.xaToVp, path: dirs.vpIn, type: 'receiveonly' },
    ]);
    await stXa.writeConfig(
      stVp,
      [
        { id: F.vpToXa, path: dirs.xaIn, type: 'receiveonly' },
        { id: F.xaToVp, path: dirs.xaOut, type: 'sendonly' },
      ],
      256,
    );
    stVp.start();
    stXa.start();
    await Promise.all([stVp.waitReady(60_000), stXa.waitReady(60_000)]);
    await vp.call('exchange:setPeerFolders', {
      siteId: 'xa-a',
      folders: { outbox: dirs.vpOut, inbox: dirs.vpIn },
    });
    await xa.call('exchange:setPeerFolders', {
      siteId: 'vp-tinh',
      folders: { outbox: dirs.xaOut, inbox: dirs.xaIn },
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([stVp?.kill(), stXa?.kill()]);
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('carries packages both ways until both replicas are equal', async () => {
    await withWrites(vp.db, vp.ctx, ['units'], async (w) => {
      for (const [id, name, parentId] of [
        ['u-ubnd', 'UBND tỉnh Cao Bằng', null],
        ['u-vp', 'Văn phòng UBND tỉnh', 'u-ubnd'],
        ['u-xa-a', 'UBND xã Hòa An', 'u-ubnd'],
      ] as const) {
        await w.set(
          'units',
          id,
          {
            name,
            parentId,
            shortName: id,
            kind: 'other',
            symbol: '',
            validFrom: '2025-07-01',
            validTo: null,
            order: 0,
            fields: [],
          },
          'Thêm đơn vị',
          name,
        );
      }
    });
    const [taskId] = await assignTasks(3, 0);
    const first = await cycle(vp);
    expect(first[0].exportedSeq).toBe(1);
    await delivered();
    const got = await cycle(xa);
    expect(got[0].imported).toHaveLength(1);
    expect((await xa.db.tasks.get(taskId))?.title).toBe('Nhiệm vụ kiểm thử 1');

    // The commune reports progress; it goes up.
    await reportProgress(xa.db, xa.ctx, admin, taskId, {
      percent: 40,
      text: 'Đã triển khai tới các thôn',
    });
    await converge();
    expect((await vp.db.taskIndex.get(taskId))?.status).toBeDefined();
    expect(await dump(vp.db)).toBe(await dump(xa.db));
    expect((await logOf(vp.db, taskId)).events.some((e) => e.type === 'progress')).toBe(true);
    // Acknowledged packages were cleaned from the outboxes; the newest stays.
    expect((await packageFiles(dirs.vpOut)).size).toBe(1);
    expectNoDoubleImport(vp);
    expectNoDoubleImport(xa);
    // Syncthing's own view through the status channel.
    await vp.call('exchange:setSyncthing', {
      address: stVp.address,
      apiKey: stVp.apiKey,
    });
    const status = await vp.call('exchange:status', {});
    expect(status.syncthingError).toBeNull();
    expect(status.carriers[0].syncthing?.map((f) => [f.folderId, f.role]).sort()).toEqual([
      [F.vpToXa, 'outbox'],
      [F.xaToVp, 'inbox'],
    ]);
    expect(status.carriers[0].reachable).toBe(true);
  }, 180_000);

  it('a daemon killed mid-transfer and restarted, a package delivered twice and a truncated file: converges, nothing imported twice', async () => {
    // A large package (about 2 MB of barely compressible text) on the slow link.
    await assignTasks(500, 4000);
    const importsBefore = xa.imported.length;
    const out = await cycle(vp);
    expect(out[0].exportedSeq).not.toBeNull();
    await stVp.scan(F.vpToXa);
    // Syncthing writes into its temporary file: the receiver is killed while it still needs bytes.
    let temp = '';
    let needBytes = 0;
    await waitFor('the transfer to be under way', 60_000, async () => {
      temp = (await readdir(dirs.xaIn)).find((n) => n.startsWith('.syncthing.') || n.startsWith('~syncthing~')) ?? '';
      if (!temp) return false;
      const st = await stXa.get<{ state: string; needBytes: number }>(`/rest/db/status?folder=${F.vpToXa}`);
      needBytes = st.needBytes;
      return st.state === 'syncing' && st.needBytes > 0;
    });
    await stXa.kill();
    const bigName = [...(await packageFiles(dirs.vpOut)).keys()].sort().at(-1)!;
    const bigSize = (await stat(join(dirs.vpOut, bigName))).size;
    console.log(`killed the receiver mid-transfer: ${temp} present, ${needBytes} of ${bigSize} bytes still needed`);
    expect(bigSize).toBeGreaterThan(1_500_000);
    expect(await readdir(dirs.xaIn)).not.toContain(bigName);
    // The half-received file is never imported.
    const meanwhile = await cycle(xa);
    expect(meanwhile[0].imported).toHaveLength(0);
    expect(xa.imported.length).toBe(importsBefore);
    expect(await readdir(dirs.xaIn)).toContain(temp);

    stXa.start();
    await stXa.waitReady(60_000);
    await converge();
    expect(xa.imported.length).toBeGreaterThan(importsBefore);

    // The same package delivered twice (a copy under another name) and a truncated file.
    const sent = [...(await packageFiles(dirs.vpOut)).keys()][0];
    const bytes = await readFile(join(dirs.vpOut, sent));
    await copyFile(join(dirs.vpOut, sent), join(dirs.vpOut, `ban-sao-${sent}`));
    await writeFile(join(dirs.vpOut, `cut-${sent}`), bytes.subarray(0, Math.floor(bytes.length / 2)));
    await delivered();
    const auditBefore = await auditImports(xa);
    const importedBefore = xa.imported.length;
    await cycle(xa);
    await cycle(xa);
    expect(xa.imported.length).toBe(importedBefore);
    expect(await auditImports(xa)).toBe(auditBefore);
    // The truncated file was left for two scans, then moved aside with its reason.
    expect(await readdir(join(dirs.xaIn, BAD_DIR))).toContain(`cut-${sent}`);
    const xaStatus = await xa.call('exchange:status', {});
    expect(xaStatus.carriers[0].bad.find((b) => b.name === `cut-${sent}`)?.reason).toMatch(/cắt cụt|mã băm/);

    await converge();
    expect(await dump(vp.db)).toBe(await dump(xa.db));
    expectNoDoubleImport(vp);
    expectNoDoubleImport(xa);
    // Every import row is one package imported once, and the audit agrees.
    expect(await xa.db.syncImports.count()).toBe(xa.imported.length);
    expect(await auditImports(xa)).toBe(xa.imported.length);
  }, 300_000);
});
