/**
 * A stolen or swapped backup: the attacker edits a unit, empties the audit table, plants their
 * key as a trusted coordinator, recomputes the SHA-256 and the byte count, and hands the file
 * back. Also the audit chain emptied or cut short in IndexedDB, and the anchor file edited.
 */
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_MAGIC } from '../../electron/main/backup/backupFile';
import { DondocDb } from '../../renderer/src/data/db';
import { withWrites, type WriteContext } from '../../renderer/src/data/repository';
import { backupLive, loadBackup, restoreLoaded } from '../../renderer/src/data/restore';
import { checkAuditAnchor, reportAuditHead } from '../../renderer/src/data/auditAnchor';
import type { PeerRow } from '../../renderer/src/features/sync/data/types';
import { ADMIN, makeOffice, type Office } from './main-harness';
import { refusal } from '../fixtures/errors';

const ctx: WriteContext = { site: 'site-test', actor: 'lan.vt (Nguyễn Thị Lan)', now: () => new Date('2026-11-29T03:00:00Z') };
const plenty = async () => ({ usage: 0, quota: 10 * 1024 ** 3 });
const honestPeer: PeerRow = {
  siteId: 'xa-hoa-an',
  name: 'UBND xã Hòa An',
  units: ['u-xa'],
  role: 'unit',
  publicKey: 'A'.repeat(43) + '=',
  fingerprint: 'AAAA-BBBB',
  trustedAt: '2026-11-01T00:00:00Z',
  trustedBy: 'lan.vt',
  previousKeys: [],
  ack: {},
  lastReceivedAt: null,
  lastSentAt: null,
};

let office: Office;
let db: DondocDb;

// Database and file names differ per test through a counter, so every run is the same.
let databases = 0;

beforeEach(async () => {
  office = await makeOffice();
  await office.api.call('auth:createFirstAdmin', ADMIN);
  db = new DondocDb(`sec-backup-${++databases}`);
  // Two transactions: two records of the audit chain (one per transaction).
  await withWrites(db, ctx, ['settings'], (w) => w.set('settings', 'organisation', { authorityName: 'Ủy ban nhân dân huyện Yên Lạc' }, 'Thiết lập', 'UBND huyện'));
  await withWrites(db, ctx, ['units'], (w) => w.set('units', 'u-kt', { name: 'Phòng Kinh tế', shortName: 'KT', parentId: null, fields: [] }, 'Thêm đơn vị', 'Phòng Kinh tế'));
  await db.peers.put(honestPeer);
});
afterEach(async () => {
  db.close();
  await DondocDb.delete(db.name);
  await rm(office.dataDir, { recursive: true, force: true });
});

/** What an attacker with the file and a text editor can do: edit the body, fix the checksum and size. */
function rewrite(bytes: Buffer, edit: (tables: Record<string, Record<string, unknown>[]>) => void): Buffer {
  const nl = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.subarray(0, nl).toString('utf8')) as Record<string, unknown>;
  const dump = JSON.parse(bytes.subarray(nl + 1).toString('utf8')) as { tables: Record<string, Record<string, unknown>[]> };
  edit(dump.tables);
  const body = Buffer.from(JSON.stringify(dump), 'utf8');
  const counts = Object.fromEntries(Object.entries(dump.tables).map(([k, v]) => [k, v.length]));
  const forged = { ...header, counts, bodyBytes: body.length, bodySha256: createHash('sha256').update(body).digest('hex') };
  return Buffer.concat([Buffer.from(JSON.stringify(forged) + '\n'), body]);
}

describe('backups are authenticated', () => {
  it('a genuine backup is this site’s; the rewritten one with a recomputed checksum is not, and is handed out only after the confirmation', async () => {
    const info = await backupLive(office.api, db, 'manual');
    expect(info.authenticity).toBe('this-site');
    const genuine = await readFile(info.path);
    expect(JSON.parse(genuine.subarray(0, genuine.indexOf(0x0a)).toString()).magic).toBe(BACKUP_MAGIC);

    const forged = rewrite(genuine, (t) => {
      (t.units.find((u) => u.id === 'u-kt') as Record<string, unknown>).name = 'Phòng Kinh tế (đã giải thể)';
      t.audit = [];
      t.peers = [{ ...honestPeer, siteId: 'ke-gia-mao', name: 'Văn phòng điều phối', role: 'coordinator', publicKey: 'B'.repeat(43) + '=' }];
    });
    const usb = join(office.dataDir, '..', `usb-${++databases}.ddbak`);
    await writeFile(usb, forged);
    office.openPaths.push(usb);
    const opened = await office.api.call('backup:open', { source: 'pick' });
    expect(opened.info?.authenticity).toBe('unverified');
    const e = await refusal(office.api.call('backup:body', { token: opened.token! }));
    expect(e.code).toBe('not-authorised');
    expect(e.message).toMatch(/không mang dấu niêm phong của máy này/);

    // Put back into the backup folder in place of the real one: the integrity screen says so.
    await writeFile(info.path, forged);
    const verify = await office.api.call('backup:verify', {});
    expect(verify).toEqual([{ fileName: info.fileName, ok: false, message: expect.stringMatching(/niêm phong không khớp/) }]);
    expect((await office.api.call('backup:list', {}))[0].authenticity).toBe('unverified');
    await rm(usb);
  });

  it('a backup written by another office is marked as such', async () => {
    const other = await makeOffice();
    try {
      await other.api.call('auth:createFirstAdmin', ADMIN);
      const theirs = await backupLive(other.api, db, 'manual');
      office.openPaths.push(theirs.path);
      const opened = await office.api.call('backup:open', { source: 'pick' });
      expect(opened.info?.authenticity).toBe('other-site');
      expect((await refusal(office.api.call('backup:body', { token: opened.token! }))).code).toBe('not-authorised');
    } finally {
      await rm(other.dataDir, { recursive: true, force: true });
    }
  });

  it('restoring an unverified backup after confirmation never brings its trusted keys: the live peers stay', async () => {
    const info = await backupLive(office.api, db, 'manual');
    const forged = rewrite(await readFile(info.path), (t) => {
      t.peers = [{ ...honestPeer, siteId: 'ke-gia-mao', name: 'Văn phòng điều phối', role: 'coordinator', publicKey: 'B'.repeat(43) + '=' }];
    });
    await writeFile(info.path, forged);
    const opened = await office.api.call('backup:open', { source: 'stored', fileName: info.fileName });
    const { json } = await office.api.call('backup:body', { token: opened.token!, acceptUnverified: true });
    const loaded = await loadBackup(opened.info!, json);
    await restoreLoaded({ api: office.api, live: db, loaded, jsonLength: json.length, estimate: plenty });
    expect(await db.peers.toArray()).toEqual([honestPeer]);
  });
});

describe('the audit chain is anchored in main', () => {
  it('an emptied chain, a truncated chain and a rewritten head are reported; main refuses to move the anchor back', async () => {
    await reportAuditHead(office.api, db);
    expect(await checkAuditAnchor(office.api, db)).toBeNull();
    const anchored = await db.audit.orderBy('seq').last();
    expect(anchored!.seq).toBeGreaterThan(1);

    // Truncated: the last entry removed straight from IndexedDB; what is left still links up.
    const last = anchored!;
    await db.audit.delete(last.seq);
    expect(await checkAuditAnchor(office.api, db)).toMatch(/bị cắt ngắn/);
    expect((await refusal(reportAuditHead(office.api, db))).code).toBe('conflict');

    // Rewritten: the same length again, but a different entry at the anchored sequence.
    await db.audit.put({ ...last, summary: 'đã sửa', hash: 'f'.repeat(64) });
    expect(await checkAuditAnchor(office.api, db)).toMatch(/viết lại/);

    // Emptied.
    await db.audit.clear();
    expect(await checkAuditAnchor(office.api, db)).toMatch(/xóa sạch/);

    // The anchor file edited by hand to a harmless sequence: its seal no longer matches.
    const anchorFile = join(office.dataDir, 'audit-anchor.json');
    const stored = JSON.parse(await readFile(anchorFile, 'utf8')) as Record<string, unknown>;
    await writeFile(anchorFile, JSON.stringify({ ...stored, sequence: 0, hash: '' }));
    expect(await checkAuditAnchor(office.api, db)).toMatch(/niêm phong không khớp/);
  });
});
