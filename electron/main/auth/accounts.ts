/**
 * Local accounts live in main, in a file outside the Chromium profile: the renderer and its
 * database never see a password or a hash. Failed logins are rate-limited per account.
 *
 * The file carries an HMAC under this installation's sealing key (../seal.ts), so an account
 * added, a role raised or a hash replaced by hand is detected and the file is refused. Password
 * checks run one at a time: the lockout is read before the slow hash and the result recorded
 * before the next check starts, so parallel wrong passwords all count.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '@shared/errors';
import { accountSchema, type Account, type Session } from '@shared/ipc/channels/auth';
import type { Role } from '@shared/roles';
import { newId } from '@shared/data/ids';
import type { MainDeps } from '../deps';
import { readJson, writeJson } from '../fs/jsonStore';
import { createSealKey, type SealKey } from '../seal';
import { hashPassword, needsRehash, verifyPassword } from './password';

/** An account as the renderer sees it, plus what never leaves main: the hash and the lockout. */
const storedAccountSchema = accountSchema.extend({
  password: z.object({ algo: z.literal('scrypt'), N: z.number(), r: z.number(), p: z.number(), salt: z.string(), hash: z.string() }),
  failedAttempts: z.number().int().min(0),
  lockedUntil: z.string().nullable(),
});
type StoredAccount = z.infer<typeof storedAccountSchema>;
const legacyFileSchema = z.object({ version: z.literal(1), accounts: z.array(storedAccountSchema) });
const sealedFileSchema = z.object({ version: z.literal(2), accounts: z.array(storedAccountSchema), mac: z.string() });
const anyFileSchema = z.union([legacyFileSchema, sealedFileSchema]);

/** Why the sign-in screen cannot simply offer "create the first administrator". */
export type AccountsRecovery = 'missing' | 'tampered';

export const TAMPERED_MESSAGE =
  'Tệp tài khoản đã bị sửa ngoài ứng dụng (không khớp dấu niêm phong của máy này), nên không được dùng. Hãy chép lại tệp tài khoản từ bản lưu của thư mục dữ liệu hoặc liên hệ quản trị viên.';
export const MISSING_MESSAGE =
  'Không tìm thấy tệp tài khoản, nhưng máy này đã từng có tài khoản. Ứng dụng không tạo lại quản trị viên mới trên dữ liệu cũ. Hãy chép lại tệp tài khoản từ bản lưu của thư mục dữ liệu hoặc liên hệ quản trị viên.';

async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** After this many wrong passwords in a row the account waits before the next try. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 5 * 60 * 1000;

export interface AccountAuditEntry {
  at: string;
  actor: string;
  action: string;
  target: string;
}

function publicAccount(a: StoredAccount): Account {
  return { id: a.id, username: a.username, displayName: a.displayName, role: a.role, unitId: a.unitId, officialId: a.officialId, active: a.active, createdAt: a.createdAt };
}

function serial(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

export function createAccountStore(deps: MainDeps, options: { seal?: SealKey } = {}) {
  const file = join(deps.dataDir, 'accounts.json');
  const auditFile = join(deps.dataDir, 'accounts-audit.json');
  const seal = options.seal ?? createSealKey(deps);
  let session: Session | null = null;
  // Serialise file updates: two quick clicks must not lose a write.
  const queue = serial();
  // One password check at a time, from reading the lockout to recording the result.
  const checks = serial();
  // Whether the sealing key existed when this store first looked: a legacy (unsealed) file is
  // accepted and sealed only on the first start of a version that seals.
  const sealExistedAtStart = seal.exists();

  const macInput = (accounts: StoredAccount[]) => JSON.stringify({ version: 2, accounts });

  async function recovery(): Promise<AccountsRecovery | null> {
    try {
      await load();
    } catch (error) {
      if (error instanceof AppError && error.message === TAMPERED_MESSAGE) return 'tampered';
      throw error;
    }
    if (await fileExists(file)) return null;
    // The accounts audit is written from the first administrator on; with it and no accounts
    // file, the file was removed, not never made.
    return (await fileExists(auditFile)) ? 'missing' : null;
  }

  async function load(): Promise<{ accounts: StoredAccount[] }> {
    const data = await readJson(file, anyFileSchema.nullable(), null);
    if (!data) return { accounts: [] };
    if (data.version === 1) {
      if (await sealExistedAtStart) throw new AppError('storage', TAMPERED_MESSAGE);
      // The first start of a version that seals: seal the genuine file now, so the next start finds it sealed.
      await save(data.accounts);
      return { accounts: data.accounts };
    }
    if (!(await seal.check('accounts', macInput(data.accounts), data.mac))) throw new AppError('storage', TAMPERED_MESSAGE);
    return { accounts: data.accounts };
  }
  async function save(accounts: StoredAccount[]): Promise<void> {
    await writeJson(file, { version: 2, accounts, mac: await seal.tag('accounts', macInput(accounts)) }, 0o600);
  }
  async function mutate<T>(fn: (accounts: StoredAccount[]) => Promise<T>): Promise<T> {
    return queue(async () => {
      const data = await load();
      const result = await fn(data.accounts);
      await save(data.accounts);
      return result;
    });
  }
  async function audit(action: string, target: string): Promise<void> {
    const entries = await readJson(auditFile, z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), target: z.string() })), []);
    entries.push({ at: deps.now().toISOString(), actor: session?.account.username ?? '(hệ thống)', action, target });
    await writeJson(auditFile, entries.slice(-5000), 0o600);
  }

  function requireSession(roles?: Role[]): Session {
    if (!session) throw new AppError('not-authorised', 'Bạn cần đăng nhập để thực hiện thao tác này.');
    if (session.locked) throw new AppError('not-authorised', 'Phiên làm việc đang khóa. Hãy nhập mật khẩu để mở khóa.');
    if (roles && !roles.includes(session.account.role)) {
      throw new AppError('not-authorised', 'Tài khoản của bạn không có quyền thực hiện thao tác này.');
    }
    return session;
  }

  async function create(input: { username: string; password: string; displayName: string; role: Role; unitId: string | null; officialId: string | null }) {
    const password = await hashPassword(input.password);
    return mutate(async (accounts) => {
      if (accounts.some((a) => a.username.toLowerCase() === input.username.toLowerCase())) {
        throw new AppError('conflict', `Tên đăng nhập "${input.username}" đã có người dùng.`);
      }
      const stored: StoredAccount = {
        id: newId(),
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        unitId: input.unitId,
        officialId: input.officialId,
        active: true,
        createdAt: deps.now().toISOString(),
        password,
        failedAttempts: 0,
        lockedUntil: null,
      };
      accounts.push(stored);
      return publicAccount(stored);
    });
  }

  function startSession(account: Account): Session {
    session = { account, startedAt: deps.now().toISOString(), locked: false };
    return session;
  }

  async function checkPassword(username: string, password: string): Promise<Account> {
    return checks(async () => {
      const refused = new AppError('auth-failed', 'Tên đăng nhập hoặc mật khẩu không đúng.');
      const data = await load();
      const found = data.accounts.find((a) => a.username.toLowerCase() === username.trim().toLowerCase());
      if (!found) {
        // Spend the same time as a real check so a wrong name is not told apart from a wrong password.
        await hashPassword(password);
        throw refused;
      }
      const now = deps.now().getTime();
      if (found.lockedUntil && Date.parse(found.lockedUntil) > now) {
        const minutes = Math.ceil((Date.parse(found.lockedUntil) - now) / 60000);
        throw new AppError('rate-limited', `Đăng nhập sai quá ${MAX_FAILED_ATTEMPTS} lần. Vui lòng thử lại sau ${minutes} phút.`);
      }
      const ok = await verifyPassword(password, found.password);
      if (!ok || !found.active) {
        await mutate(async (accounts) => {
          const a = accounts.find((x) => x.id === found.id);
          if (!a) return;
          a.failedAttempts += 1;
          if (a.failedAttempts >= MAX_FAILED_ATTEMPTS) {
            a.lockedUntil = new Date(now + LOCKOUT_MS).toISOString();
            a.failedAttempts = 0;
          }
        });
        await audit('Đăng nhập thất bại', found.username);
        if (ok && !found.active) throw new AppError('auth-failed', 'Tài khoản đã bị vô hiệu hóa. Liên hệ quản trị viên.');
        throw refused;
      }
      const upgraded = needsRehash(found.password) ? await hashPassword(password) : null;
      if (found.failedAttempts > 0 || found.lockedUntil || upgraded) {
        await mutate(async (accounts) => {
          const a = accounts.find((x) => x.id === found.id);
          if (a) {
            a.failedAttempts = 0;
            a.lockedUntil = null;
            if (upgraded) a.password = upgraded;
          }
        });
      }
      return publicAccount(found);
    });
  }

  return {
    requireSession,
    currentSession: () => session,
    async hasAccounts() {
      return (await load()).accounts.length > 0;
    },
    /** Null when the sign-in screen may proceed; otherwise why it must show the recovery screen. */
    recovery,
    async createFirstAdmin(input: { username: string; password: string; displayName: string; unitId: string | null; officialId: string | null }) {
      const why = await recovery();
      if (why) throw new AppError('conflict', why === 'tampered' ? TAMPERED_MESSAGE : MISSING_MESSAGE);
      if ((await load()).accounts.length > 0) {
        throw new AppError('conflict', 'Ứng dụng đã có tài khoản quản trị; hãy đăng nhập.');
      }
      const account = await create({ ...input, role: 'admin' });
      const s = startSession(account);
      await audit('Tạo tài khoản quản trị đầu tiên', account.username);
      return s;
    },
    async login(username: string, password: string) {
      const account = await checkPassword(username, password);
      const s = startSession(account);
      await audit('Đăng nhập', account.username);
      return s;
    },
    async logout() {
      if (session) await audit('Đăng xuất', session.account.username);
      session = null;
    },
    lock() {
      if (session) session = { ...session, locked: true };
    },
    async unlock(password: string) {
      if (!session) throw new AppError('not-authorised', 'Bạn cần đăng nhập.');
      const account = await checkPassword(session.account.username, password);
      session = { account, startedAt: session.startedAt, locked: false };
      return session;
    },
    async changePassword(oldPassword: string, newPassword: string) {
      const s = requireSession();
      await checkPassword(s.account.username, oldPassword);
      const hash = await hashPassword(newPassword);
      await mutate(async (accounts) => {
        const a = accounts.find((x) => x.id === s.account.id);
        if (a) a.password = hash;
      });
      await audit('Đổi mật khẩu', s.account.username);
    },
    async list() {
      requireSession(['admin']);
      return (await load()).accounts.map(publicAccount);
    },
    async createAccount(input: { username: string; password: string; displayName: string; role: Role; unitId: string | null; officialId: string | null }) {
      requireSession(['admin']);
      const account = await create(input);
      await audit('Tạo tài khoản', account.username);
      return account;
    },
    async updateAccount(input: { id: string; displayName: string; role: Role; unitId: string | null; officialId: string | null; active: boolean }) {
      const s = requireSession(['admin']);
      const updated = await mutate(async (accounts) => {
        const a = accounts.find((x) => x.id === input.id);
        if (!a) throw new AppError('not-found', 'Không tìm thấy tài khoản.');
        const adminsLeft = accounts.filter((x) => x.role === 'admin' && x.active && x.id !== a.id).length;
        if ((input.role !== 'admin' || !input.active) && a.role === 'admin' && adminsLeft === 0) {
          throw new AppError('conflict', 'Phải còn ít nhất một quản trị viên đang hoạt động.');
        }
        Object.assign(a, { displayName: input.displayName, role: input.role, unitId: input.unitId, officialId: input.officialId, active: input.active });
        return publicAccount(a);
      });
      if (updated.id === s.account.id) session = { ...s, account: updated };
      await audit('Sửa tài khoản', updated.username);
      return updated;
    },
    async resetPassword(id: string, newPassword: string) {
      requireSession(['admin']);
      const hash = await hashPassword(newPassword);
      const name = await mutate(async (accounts) => {
        const a = accounts.find((x) => x.id === id);
        if (!a) throw new AppError('not-found', 'Không tìm thấy tài khoản.');
        a.password = hash;
        a.failedAttempts = 0;
        a.lockedUntil = null;
        return a.username;
      });
      await audit('Đặt lại mật khẩu', name);
    },
  };
}

export type AccountStore = ReturnType<typeof createAccountStore>;
