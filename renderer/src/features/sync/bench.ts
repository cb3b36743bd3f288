/**
 * Renderer-side sync benchmarks (issue 10): export = choosing the ops a peer lacks out of
 * Dexie plus this site's version vector; import = validating, judging and applying 100,000
 * ops into Dexie in chunks (tasks and their progress reports from 20 unit sites, relayed by
 * the coordinator), with the task index rebuilt. Signing/packing and verifying happen in main
 * and are measured by bench/cases/sync.bench.ts.
 */
import Dexie from 'dexie';
import { formatHlc } from '@shared/data/hlc';
import type { Op } from '@shared/data/ops';
import type { PackageDataMsg } from '@shared/ipc/channels/sync';
import { ORGANISATION_SETTINGS_ID } from '@shared/registries/organisation';
import type { RendererBenchCase, SizeSpec } from '../../../../bench/renderer/types';
import { DondocDb } from '../../data/db';
import { exportPackage } from './data/exportPackage';
import { importPackage } from './data/importPackage';
import type { PeerRow } from './data/types';

const EXPORT_DB = 'bench-sync-export';
const IMPORT_DB = 'bench-sync-import';
const ME = 'bench-me';
const COORD = 'bench-coord';
const UNIT_SITES = 20;
const EVENTS_PER_TASK = 4;
const CTX = { site: ME, actor: 'bench (Đo hiệu năng)' };

const opCount = (size: SizeSpec) => (size.label === 'tiny' ? 1_000 : 100_000);

/** Tasks assigned by the coordinator, each followed by progress reports from its lead unit's site. */
function makeOps(n: number): Op[] {
  const ops: Op[] = [];
  let t = 1_745_000_000_000;
  for (let task = 0; ops.length < n; task += 1) {
    const lead = 1 + (task % UNIT_SITES);
    const taskId = `task-${task}`;
    t += 1;
    ops.push({
      id: `op-t-${task}`,
      site: COORD,
      hlc: formatHlc({ millis: t, counter: 0, node: COORD }),
      entity: 'tasks',
      rowId: taskId,
      kind: 'set',
      values: {
        title: `Nhiệm vụ số ${task}: rà soát, báo cáo kết quả thực hiện`,
        content: '',
        directiveId: null,
        assignerUnitId: 'u-0',
        assignerOfficialId: null,
        leadUnitId: `u-${lead}`,
        supportUnitIds: [],
        responsibleOfficialId: null,
        deadline: { kind: 'fixed', date: '2025-12-31' },
        dueOn: '2025-12-31',
        assignedOn: '2025-04-01',
        planYear: 2025,
        priority: 'normal',
        legalBasis: '',
        authorityLevel: 'province',
      },
      actor: 'vanthu (Văn thư)',
    });
    for (let e = 0; e < EVENTS_PER_TASK && ops.length < n; e += 1) {
      t += 1;
      const site = `bench-xa-${lead}`;
      ops.push({
        id: `op-e-${task}-${e}`,
        site,
        hlc: formatHlc({ millis: t, counter: 0, node: site }),
        entity: 'taskEvents',
        rowId: `ev-${task}-${e}`,
        kind: 'insert',
        values: { taskId, type: 'progress', on: '2025-05-02', actorOfficialId: null, actorAccount: 'canbo (Cán bộ)', percent: 20 * (e + 1), text: `Báo cáo tiến độ lần ${e + 1}`, attachments: [] },
        actor: 'canbo (Cán bộ)',
      });
    }
  }
  return ops;
}

function peers(): PeerRow[] {
  const base = { publicKey: 'k', fingerprint: 'F', trustedAt: '2025-04-01T00:00:00Z', trustedBy: 'bench', previousKeys: [], ack: {}, lastReceivedAt: null, lastSentAt: null };
  return [
    { ...base, siteId: COORD, name: 'Văn phòng điều phối', units: ['u-0'], role: 'coordinator' },
    ...Array.from({ length: UNIT_SITES }, (_, i) => ({ ...base, siteId: `bench-xa-${i + 1}`, name: `Xã ${i + 1}`, units: [`u-${i + 1}`], role: 'unit' as const })),
  ];
}

async function freshDb(name: string): Promise<DondocDb> {
  await Dexie.delete(name);
  const db = new DondocDb(name);
  await db.open();
  await db.peers.bulkPut(peers());
  await db.settings.put({
    id: ORGANISATION_SETTINGS_ID,
    _v: {},
    _deleted: 0,
    authorityName: 'Bench',
    parentName: '',
    placeName: 'Cao Bằng',
    authoritySymbol: 'UBND',
    siteRole: 'unit',
    actsForUnitIds: ['u-99'],
    authorityUnitId: 'u-99',
  });
  return db;
}

let exportDb: DondocDb | null = null;
let importDb: DondocDb | null = null;
let pkg: PackageDataMsg | null = null;
let sink = 0;

export const rendererCases: RendererBenchCase[] = [
  {
    name: 'sync.export100k',
    size: (s) => `${opCount(s).toLocaleString('en')} ops from 21 sites not yet acknowledged by the peer (read from Dexie, sorted, version vector)`,
    rows: opCount,
    setup: async (ctx) => {
      exportDb?.close();
      exportDb = await freshDb(EXPORT_DB);
      const ops = makeOps(opCount(ctx.size));
      for (let i = 0; i < ops.length; i += 10_000) await exportDb.ops.bulkAdd(ops.slice(i, i + 10_000));
    },
    run: async () => {
      const db = exportDb!;
      // The same path as the Xuất gói button, with main's signing replaced by a no-op.
      const out = await exportPackage(db, CTX, { to: COORD, name: 'Văn phòng điều phối' }, async (req) => ({
        canceled: true,
        path: null,
        seq: null,
        packageHash: null,
        prevPackageHash: null,
        opCount: req.ops.length,
        bytes: 0,
      }));
      sink += out.opCount;
    },
    teardown: async () => {
      exportDb?.close();
      exportDb = null;
      await Dexie.delete(EXPORT_DB);
    },
  },
  {
    name: 'sync.import100k',
    size: (s) => `${opCount(s).toLocaleString('en')} ops (tasks + progress reports) validated, judged and applied in 2,000-op chunks, task index rebuilt`,
    rows: opCount,
    setup: async (ctx) => {
      const ops = makeOps(opCount(ctx.size));
      const vector: Record<string, string> = {};
      for (const op of ops) if (!vector[op.site] || vector[op.site] < op.hlc) vector[op.site] = op.hlc;
      pkg = {
        manifest: {
          format: 1,
          schemaVersion: 1,
          from: COORD,
          to: ME,
          seq: 1,
          prevPackageHash: null,
          createdAt: '2025-05-02T08:00:00.000Z',
          opCount: ops.length,
          payloadBytes: 0,
          payloadSha256: '0'.repeat(64),
          versionVector: vector,
        },
        ops,
        packageHash: 'a'.repeat(64),
        signerPublicKey: 'k',
        newSignerKey: null,
      };
    },
    before: async () => {
      importDb?.close();
      importDb = await freshDb(IMPORT_DB);
    },
    run: async () => {
      const report = await importPackage(importDb!, CTX, pkg!, 'bench.dondoc');
      if (report.counts.applied !== pkg!.ops.length) throw new Error(`applied ${report.counts.applied} of ${pkg!.ops.length}`);
      sink += report.counts.applied;
    },
    teardown: async () => {
      importDb?.close();
      importDb = null;
      pkg = null;
      await Dexie.delete(IMPORT_DB);
    },
  },
];

/** Keeps results observable so the work is not optimised away; also used by the smoke test. */
export function benchSink(): number {
  return sink;
}
