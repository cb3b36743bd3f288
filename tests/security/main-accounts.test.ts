/**
 * The accounts file at a shared office PC: a hand edit (role raised, hash replaced, hash set to
 * ""), a deleted file, 40 wrong passwords sent at once, and DONDOC_DATA_DIR in an installed build.
 */
import { randomBytes, scrypt } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { MAX_FAILED_ATTEMPTS } from '../../electron/main/auth/accounts';
import { SCRYPT_PARAMS, verifyPassword, type PasswordHash } from '../../electron/main/auth/password';
import { resolveDataDir } from '../../electron/main/dataDir';
import { createSealKey } from '../../electron/main/seal';
import { ADMIN, makeOffice, STAFF, type Office } from './main-harness';
import { refusal } from '../fixtures/errors';

const offices: Office[] = [];
async function office(dir?: string): Promise<Office> {
  const o = await makeOffice(dir);
  offices.push(o);
  return o;
}
afterEach(async () => {
  for (const o of offices.splice(0)) await rm(o.dataDir, { recursive: true, force: true });
});

interface FileShape {
  version: number;
  accounts: { username: string; role: string; password: PasswordHash }[];
  mac?: string;
}
const accountsPath = (o: Office) => join(o.dataDir, 'accounts.json');
const readAccounts = async (o: Office) => JSON.parse(await readFile(accountsPath(o), 'utf8')) as FileShape;

async function withStaff(): Promise<Office> {
  const o = await office();
  await o.api.call('auth:createFirstAdmin', ADMIN);
  await o.api.call('auth:createAccount', STAFF);
  await o.api.call('auth:logout', {});
  return o;
}

describe('accounts file integrity', () => {
  it('a hand edit that makes the staff account an administrator is detected: no login, recovery screen, no fresh administrator', async () => {
    const o = await withStaff();
    const file = await readAccounts(o);
    file.accounts.find((a) => a.username === STAFF.username)!.role = 'admin';
    await writeFile(accountsPath(o), JSON.stringify(file, null, 2));
    // A new start of the app on the edited file.
    const again = await office(o.dataDir);
    offices.splice(offices.indexOf(again), 1);
    expect(await again.api.call('auth:status', {})).toMatchObject({ recovery: 'tampered', hasAccounts: true, session: null });
    expect((await refusal(again.api.call('auth:login', { username: STAFF.username, password: STAFF.password }))).message).toMatch(/bị sửa ngoài ứng dụng/);
    expect((await refusal(again.api.call('auth:createFirstAdmin', { ...ADMIN, username: 'moi.admin' }))).code).toBe('conflict');
    expect(await readAccounts(o)).toEqual(file);
  });

  it('downgrading the file to the unsealed format is refused once this PC has a sealing key', async () => {
    const o = await withStaff();
    const file = await readAccounts(o);
    await writeFile(accountsPath(o), JSON.stringify({ version: 1, accounts: file.accounts }));
    const again = await office(o.dataDir);
    offices.splice(offices.indexOf(again), 1);
    expect((await again.api.call('auth:status', {})).recovery).toBe('tampered');
  });

  it('a hash of "" or a cost lowered by hand never verifies, even inside a correctly sealed file', async () => {
    expect(await verifyPassword('', { algo: 'scrypt', N: 16384, r: 8, p: 1, salt: randomBytes(16).toString('base64'), hash: '' })).toBe(false);
    expect(await verifyPassword('x', { algo: 'scrypt', N: 16384, r: 8, p: 1, salt: '', hash: '' })).toBe(false);
    // N = 2 hash of the known password: correct for scrypt, below the floor for us.
    const salt = randomBytes(16);
    const weak = await new Promise<Buffer>((res, rej) => scrypt('matkhau-yeu', salt, 64, { N: 2, r: 8, p: 1 }, (e, k) => (e ? rej(e) : res(k))));
    expect(await verifyPassword('matkhau-yeu', { algo: 'scrypt', N: 2, r: 8, p: 1, salt: salt.toString('base64'), hash: weak.toString('base64') })).toBe(false);

    // Someone who could read the sealing key re-seals a file whose staff hash is "": still no login.
    const o = await withStaff();
    const file = await readAccounts(o);
    file.accounts.find((a) => a.username === STAFF.username)!.password.hash = '';
    const seal = createSealKey(o.deps);
    const mac = await seal.tag('accounts', JSON.stringify({ version: 2, accounts: file.accounts }));
    await writeFile(accountsPath(o), JSON.stringify({ ...file, mac }));
    expect((await o.api.call('auth:status', {})).recovery).toBeNull();
    for (const password of ['', 'x', STAFF.password]) {
      expect((await refusal(o.api.call('auth:login', { username: STAFF.username, password }))).code).toBe('auth-failed');
    }
  });

  it('new hashes use N = 2^17; an older 2^14 hash still signs in once and is replaced by a 2^17 one', async () => {
    const o = await withStaff();
    expect((await readAccounts(o)).accounts.every((a) => a.password.N === SCRYPT_PARAMS.N && SCRYPT_PARAMS.N >= 2 ** 17)).toBe(true);
    const file = await readAccounts(o);
    const salt = randomBytes(16);
    const old = await new Promise<Buffer>((res, rej) => scrypt(STAFF.password.normalize('NFC'), salt, 64, { N: 2 ** 14, r: 8, p: 1 }, (e, k) => (e ? rej(e) : res(k))));
    file.accounts.find((a) => a.username === STAFF.username)!.password = { algo: 'scrypt', N: 2 ** 14, r: 8, p: 1, salt: salt.toString('base64'), hash: old.toString('base64') };
    const mac = await createSealKey(o.deps).tag('accounts', JSON.stringify({ version: 2, accounts: file.accounts }));
    await writeFile(accountsPath(o), JSON.stringify({ ...file, mac }));
    await o.api.call('auth:login', { username: STAFF.username, password: STAFF.password });
    expect((await readAccounts(o)).accounts.find((a) => a.username === STAFF.username)!.password.N).toBe(2 ** 17);
  });

  it('40 wrong passwords sent at once: only the first attempts are checked, the lockout holds, the right password waits too', async () => {
    const o = await withStaff();
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => o.api.call('auth:login', { username: STAFF.username, password: `sai-mat-khau-${i}` })),
    );
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as AppError).code : 'accepted'));
    expect(codes.filter((c) => c === 'auth-failed')).toHaveLength(MAX_FAILED_ATTEMPTS);
    expect(codes.filter((c) => c === 'rate-limited')).toHaveLength(40 - MAX_FAILED_ATTEMPTS);
    expect((await refusal(o.api.call('auth:login', { username: STAFF.username, password: STAFF.password }))).code).toBe('rate-limited');
    const audit = JSON.parse(await readFile(join(o.dataDir, 'accounts-audit.json'), 'utf8')) as { action: string }[];
    expect(audit.filter((e) => e.action === 'Đăng nhập thất bại')).toHaveLength(MAX_FAILED_ATTEMPTS);
  });

  it('a deleted accounts file on a PC that had accounts leads to recovery, not a fresh administrator', async () => {
    const o = await withStaff();
    await rm(accountsPath(o));
    const again = await office(o.dataDir);
    offices.splice(offices.indexOf(again), 1);
    expect(await again.api.call('auth:status', {})).toMatchObject({ recovery: 'missing', hasAccounts: false });
    const e = await refusal(again.api.call('auth:createFirstAdmin', { ...ADMIN, username: 'ke.la' }));
    expect(e.message).toMatch(/không tạo lại quản trị viên/);
    await expect(readFile(accountsPath(o))).rejects.toThrow();
  });

  it('an installed build ignores DONDOC_DATA_DIR', () => {
    const env = { DONDOC_DATA_DIR: '/tmp/trong' };
    expect(resolveDataDir({ isPackaged: true, env, userData: '/u' })).toBe(join('/u', 'dondoc-data'));
    expect(resolveDataDir({ isPackaged: false, env, userData: '/u' })).toBe('/tmp/trong');
    expect(resolveDataDir({ isPackaged: false, env: {}, userData: '/u' })).toBe(join('/u', 'dondoc-data'));
  });
});

describe('upgrading an installation made before accounts were sealed', () => {
  it('the unsealed file of an earlier version is accepted once and sealed at once, so later starts accept it', async () => {
    const o = await withStaff();
    const file = await readAccounts(o);
    // As an earlier version left it: no seal, no sealing key.
    await writeFile(accountsPath(o), JSON.stringify({ version: 1, accounts: file.accounts }));
    await rm(join(o.dataDir, 'seal-key.json'));
    await rm(join(o.dataDir, 'audit-anchor.json'), { force: true });
    const first = await makeOffice(o.dataDir);
    expect((await first.api.call('auth:status', {})).recovery).toBeNull();
    expect((await readAccounts(o)).version).toBe(2);
    const second = await makeOffice(o.dataDir);
    expect((await second.api.call('auth:status', {})).recovery).toBeNull();
    await second.api.call('auth:login', { username: STAFF.username, password: STAFF.password });
  });
});
