import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MainDeps } from '../deps';
import { createAccountStore, LOCKOUT_MS, MAX_FAILED_ATTEMPTS } from './accounts';
import { refusal } from '../../../tests/fixtures/errors';
import { testDeps } from '../../../tests/fixtures/mainDeps';

let now = new Date('2026-11-29T08:00:00Z');
async function deps(): Promise<MainDeps> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-auth-'));
  return testDeps(dataDir, () => now);
}

describe('local accounts', () => {
  beforeEach(() => {
    now = new Date('2026-11-29T08:00:00Z');
  });

  it('keeps only a scrypt hash on disk and logs in with the right password only', async () => {
    const d = await deps();
    const store = createAccountStore(d);
    await store.createFirstAdmin({ username: 'lan.vt', password: 'matkhau-an-toan', displayName: 'Nông Thị Lan', unitId: null, officialId: null });
    const file = await readFile(join(d.dataDir, 'accounts.json'), 'utf8');
    expect(file).not.toContain('matkhau-an-toan');
    expect(JSON.parse(file).accounts[0].password.algo).toBe('scrypt');
    await store.logout();
    expect((await refusal(store.login('lan.vt', 'sai-mat-khau'))).code).toBe('auth-failed');
    expect((await refusal(store.login('khongco', 'sai-mat-khau'))).message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    const s = await store.login('LAN.VT', 'matkhau-an-toan');
    expect(s.account.role).toBe('admin');
  });

  it('refuses a second first administrator', async () => {
    const store = createAccountStore(await deps());
    await store.createFirstAdmin({ username: 'admin', password: 'matkhau-an-toan', displayName: 'Quản trị', unitId: null, officialId: null });
    expect((await refusal(store.createFirstAdmin({ username: 'other', password: 'matkhau-an-toan', displayName: 'Khác', unitId: null, officialId: null }))).code).toBe('conflict');
  });

  it('rate-limits wrong passwords and lets the account in again after the wait', async () => {
    const store = createAccountStore(await deps());
    await store.createFirstAdmin({ username: 'admin', password: 'matkhau-an-toan', displayName: 'Quản trị', unitId: null, officialId: null });
    await store.logout();
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await refusal(store.login('admin', 'sai'));
    const locked = await refusal(store.login('admin', 'matkhau-an-toan'));
    expect(locked.code).toBe('rate-limited');
    expect(locked.message).toContain('Vui lòng thử lại sau 5 phút');
    now = new Date(now.getTime() + LOCKOUT_MS + 1000);
    await expect(store.login('admin', 'matkhau-an-toan')).resolves.toMatchObject({ locked: false });
  });

  it('lets only administrators manage accounts, and a locked session do nothing', async () => {
    const store = createAccountStore(await deps());
    await store.createFirstAdmin({ username: 'admin', password: 'matkhau-an-toan', displayName: 'Quản trị', unitId: null, officialId: null });
    const staff = await store.createAccount({ username: 'canbo', password: 'matkhau-can-bo', displayName: 'Cán bộ', role: 'unitStaff', unitId: null, officialId: null });
    await store.logout();
    await store.login('canbo', 'matkhau-can-bo');
    expect((await refusal(store.list())).code).toBe('not-authorised');
    await store.logout();
    await store.login('admin', 'matkhau-an-toan');
    store.lock();
    expect((await refusal(store.list())).message).toContain('đang khóa');
    await store.unlock('matkhau-an-toan');
    await store.resetPassword(staff.id, 'mat-khau-moi-1');
    await store.logout();
    await expect(store.login('canbo', 'mat-khau-moi-1')).resolves.toBeTruthy();
  });

  it('never leaves the office without an active administrator', async () => {
    const store = createAccountStore(await deps());
    const s = await store.createFirstAdmin({ username: 'admin', password: 'matkhau-an-toan', displayName: 'Quản trị', unitId: null, officialId: null });
    const e = await refusal(store.updateAccount({ id: s.account.id, displayName: 'Quản trị', role: 'leader', unitId: null, officialId: null, active: true }));
    expect(e.message).toContain('ít nhất một quản trị viên');
  });
});
