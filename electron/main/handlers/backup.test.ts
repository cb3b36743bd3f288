import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupChannels } from '@shared/ipc/channels/backup';
import type { MainDeps } from '../deps';
import { createAccountStore, type AccountStore } from '../auth/accounts';
import type { DiskSpace } from '../backup/disk';
import { CHANNEL_ACCESS, guardTable } from '../ipc/access';
import { createSealKey } from '../seal';
import { backupsDir, createBackupHandlers, type BackupHandlers } from './backup';
import { expectAppError } from '../../../tests/fixtures/errors';
import { testDeps } from '../../../tests/fixtures/mainDeps';

const ctx = { senderUrl: 'app://dondoc/index.html' };
const GB = 1024 ** 3;

let root: string;
let deps: MainDeps;
let accounts: AccountStore;
let handlers: BackupHandlers;
let clock: Date;
let space: DiskSpace;
const picks = { folders: [] as (string | null)[], opens: [] as (string | null)[] };

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dondoc-backup-'));
  clock = new Date('2025-07-01T01:00:00.000Z');
  space = { freeBytes: 50 * GB, totalBytes: 100 * GB };
  deps = testDeps(join(root, 'data'), () => clock, {
    dialogs: { pickOpenPath: async () => picks.opens.shift() ?? null, pickFolder: async () => picks.folders.shift() ?? null },
  });
  const seal = createSealKey(deps);
  accounts = createAccountStore(deps, { seal });
  // Through the same access rules as the real table.
  handlers = guardTable(createBackupHandlers(deps, 'site-a', accounts, { probe: async () => space, seal }), CHANNEL_ACCESS, accounts);
  await accounts.createFirstAdmin({ username: 'lan.vt', password: 'matkhau-an-toan', displayName: 'Nông Thị Lan', unitId: null, officialId: null });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const body = JSON.stringify({ database: 'dondoc', idbVersion: 20, tables: { units: [{ id: 'u1' }] } });

async function write(reason: 'daily' | 'manual' | 'pre-migration' | 'pre-restore' = 'daily', folder?: string) {
  const res = await handlers['backup:write']({ reason, schemaVersion: 2, counts: { units: 1 }, json: body, folder }, ctx);
  expect(backupChannels['backup:write'].res.safeParse(res).success).toBe(true);
  return res;
}

/** A unit's staff account, with no right to backups or the safety settings. */
const UNIT_STAFF = { username: 'ha.cb', password: 'matkhau-cb-01', displayName: 'Lương Thị Hà', role: 'unitStaff', unitId: null, officialId: null } as const;

describe('backup handlers', () => {
  it('writes a self-describing backup, lists it, opens it and returns the same body', async () => {
    const info = await write();
    expect(info.path.startsWith(backupsDir(deps))).toBe(true);
    expect(info).toMatchObject({ reason: 'daily', schemaVersion: 2, siteId: 'site-a', appVersion: '0.1.0', counts: { units: 1 } });
    const list = await handlers['backup:list']({}, ctx);
    expect(list.map((b) => b.fileName)).toEqual([info.fileName]);
    const status = await handlers['backup:status']({}, ctx);
    expect(status.lastDailyAt).toBe(info.createdAt);
    const opened = await handlers['backup:open']({ source: 'stored', fileName: info.fileName }, ctx);
    expect(opened.info?.counts).toEqual({ units: 1 });
    const got = await handlers['backup:body']({ token: opened.token!, acceptUnverified: false }, ctx);
    expect(got.json).toBe(body);
  });

  it('refuses a flipped byte and a truncated file at open, and a file changed after it was opened', async () => {
    const info = await write();
    const bytes = await readFile(info.path);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 5] ^= 0x01;
    const flippedPath = join(root, 'flipped.ddbak');
    await writeFile(flippedPath, flipped);
    picks.opens.push(flippedPath);
    await expectAppError(handlers['backup:open']({ source: 'pick' }, ctx), 'invalid-file', /không khớp mã kiểm tra/);
    const truncPath = join(root, 'trunc.ddbak');
    await writeFile(truncPath, bytes.subarray(0, bytes.length - 10));
    picks.opens.push(truncPath);
    await expectAppError(handlers['backup:open']({ source: 'pick' }, ctx), 'invalid-file', /không đầy đủ/);

    const opened = await handlers['backup:open']({ source: 'stored', fileName: info.fileName }, ctx);
    await writeFile(info.path, flipped);
    await expectAppError(handlers['backup:body']({ token: opened.token!, acceptUnverified: false }, ctx), 'invalid-file', /không khớp|đã thay đổi/);
    const verify = await handlers['backup:verify']({}, ctx);
    expect(verify).toEqual([{ fileName: info.fileName, ok: false, message: expect.stringMatching(/mã kiểm tra/) }]);
  });

  it('refuses file names that leave the backup folder', async () => {
    await expectAppError(handlers['backup:open']({ source: 'stored', fileName: '../accounts.json' }, ctx), 'invalid-request', /không hợp lệ/);
    await expectAppError(handlers['backup:open']({ source: 'stored', fileName: '../../x.ddbak' }, ctx), 'invalid-request', /không hợp lệ/);
    await expectAppError(handlers['backup:body']({ token: '0'.repeat(32), acceptUnverified: false }, ctx), 'not-found', /mở lại/);
  });

  it('refuses to write when the disk is nearly full and leaves no file behind', async () => {
    space = { freeBytes: 150 * 1024 * 1024, totalBytes: 100 * GB };
    await expectAppError(write(), 'storage', /Ổ đĩa gần đầy/);
    expect(await readdir(backupsDir(deps)).catch(() => [])).toEqual([]);
    const disk = await handlers['backup:disk']({ neededBytes: 0 }, ctx);
    expect(disk.level).toBe('critical');
    space = { freeBytes: 800 * 1024 * 1024, totalBytes: 100 * GB };
    expect((await handlers['backup:disk']({ neededBytes: 0 }, ctx)).level).toBe('low');
  });

  it('writes "Sao lưu ngay" into the folder the user picked, only by token', async () => {
    const usb = join(root, 'usb');
    picks.folders.push(usb);
    const picked = await handlers['backup:pickFolder']({}, ctx);
    expect(picked.canceled).toBe(false);
    const info = await write('manual', picked.token!);
    expect(info.path.startsWith(usb)).toBe(true);
    expect(await readdir(usb)).toEqual([info.fileName]);
    await expectAppError(write('manual', 'f'.repeat(32)), 'not-found', /chọn lại thư mục/);
    expect((await handlers['backup:pickFolder']({}, ctx)).canceled).toBe(true);
  });

  it('prunes automatic backups by the rotation rule after each write', async () => {
    for (let i = 0; i < 20; i++) {
      clock = new Date(Date.UTC(2025, 6, 1 + i, 1));
      await write();
    }
    const list = await handlers['backup:list']({}, ctx);
    // 20 consecutive days: the last 7, plus the newest of earlier ISO weeks and of June.
    expect(list.length).toBeLessThan(20);
    expect(list.length).toBeGreaterThanOrEqual(7);
    expect(list[0].createdAt).toBe(new Date(Date.UTC(2025, 6, 20, 1)).toISOString());
  });

  it('needs a session; opening for restore needs an administrator', async () => {
    await accounts.logout();
    await expectAppError(handlers['backup:list']({}, ctx), 'not-authorised', /đăng nhập/);
    await expectAppError(write('manual'), 'not-authorised', /đăng nhập/);
    // Before login, only the pre-migration backup may be written, once per schema upgraded from.
    const first = await write('pre-migration');
    expect((await write('pre-migration')).fileName).toBe(first.fileName);
    await handlers['backup:databaseOpened']({ schemaVersion: 3 }, ctx);
    await expectAppError(write('pre-migration'), 'not-authorised', /không cần nâng cấp/);
    expect((await readdir(backupsDir(deps))).filter((n) => n.includes('pre-migration'))).toEqual([first.fileName]);
    await accounts.login('lan.vt', 'matkhau-an-toan');
    await accounts.createAccount(UNIT_STAFF);
    await accounts.logout();
    await accounts.login(UNIT_STAFF.username, UNIT_STAFF.password);
    await expectAppError(handlers['backup:open']({ source: 'pick' }, ctx), 'not-authorised', /không có quyền/);
    await expectAppError(handlers['safety:accountAudit']({ limit: 10 }, ctx), 'not-authorised', /không có quyền/);
    await expectAppError(handlers['safety:setSettings']({ inactivityLockMinutes: 5 }, ctx), 'not-authorised', /không có quyền/);
  });

  it('shows failed logins and password resets in the accounts audit, newest first', async () => {
    const created = await accounts.createAccount(UNIT_STAFF);
    await accounts.resetPassword(created.id, 'matkhau-moi-02');
    await accounts.logout();
    await expect(accounts.login('ha.cb', 'sai-mat-khau')).rejects.toThrow();
    await accounts.login('lan.vt', 'matkhau-an-toan');
    const audit = await handlers['safety:accountAudit']({ limit: 10 }, ctx);
    const actions = audit.map((e) => `${e.action}:${e.target}`);
    expect(actions.slice(0, 3)).toEqual(['Đăng nhập:lan.vt', 'Đăng nhập thất bại:ha.cb', 'Đăng xuất:lan.vt']);
    expect(actions).toContain('Đặt lại mật khẩu:ha.cb');
  });

  it('stores the inactivity-lock minutes', async () => {
    expect(await handlers['safety:getSettings']({}, ctx)).toEqual({ inactivityLockMinutes: 15 });
    await handlers['safety:setSettings']({ inactivityLockMinutes: 5 }, ctx);
    expect(await handlers['safety:getSettings']({}, ctx)).toEqual({ inactivityLockMinutes: 5 });
  });
});
