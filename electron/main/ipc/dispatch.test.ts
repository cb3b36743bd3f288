import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../handlers';
import { isAppUrl } from '../security-policy';
import { dispatch } from './dispatch';
import { channelNames } from '@shared/ipc/contract';
import { testDeps } from '../../../tests/fixtures/mainDeps';

async function table() {
  const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-ipc-'));
  return { handlers: await createHandlers(testDeps(dataDir, () => new Date('2026-11-29T03:00:00Z'))), dataDir };
}
const fromApp = { senderUrl: 'app://dondoc/index.html', isTopFrame: true };

describe('IPC dispatch', () => {
  it('has a handler for every channel of the contract', async () => {
    const { handlers } = await table();
    for (const name of channelNames) expect(typeof handlers[name]).toBe('function');
  });

  it('refuses an unknown channel with a typed error', async () => {
    const { handlers } = await table();
    expect(await dispatch(handlers, isAppUrl, 'fs:read', { path: '/etc/passwd' }, fromApp)).toEqual({
      ok: false,
      error: { code: 'unknown-channel', message: 'Yêu cầu bị từ chối: chức năng không tồn tại.' },
    });
    expect(await dispatch(handlers, isAppUrl, '__proto__', {}, fromApp)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('refuses a payload of the wrong shape and changes nothing', async () => {
    const { handlers, dataDir } = await table();
    const before = await readdir(dataDir);
    const r = await dispatch(handlers, isAppUrl, 'auth:createFirstAdmin', { username: 'a', password: 42 }, fromApp);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request', message: 'Dữ liệu gửi lên không hợp lệ.' } });
    expect(r.ok === false && r.error.details?.length).toBeGreaterThan(0);
    expect(await readdir(dataDir)).toEqual(before);
    expect(await dispatch(handlers, isAppUrl, 'auth:status', {}, fromApp)).toMatchObject({ ok: true, value: { hasAccounts: false } });
  });

  it('refuses calls from any other origin or from a sub-frame', async () => {
    const { handlers } = await table();
    for (const origin of [
      { senderUrl: 'https://evil.example/', isTopFrame: true },
      { senderUrl: 'app://dondoc.evil/', isTopFrame: true },
      { senderUrl: 'file:///C:/x.html', isTopFrame: true },
      { senderUrl: 'app://dondoc/index.html', isTopFrame: false },
      { senderUrl: null, isTopFrame: true },
    ]) {
      expect(await dispatch(handlers, isAppUrl, 'auth:status', {}, origin)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
  });

  it('turns an unexpected failure into a Vietnamese message without leaking internals', async () => {
    const { handlers } = await table();
    const broken = { ...handlers, 'auth:status': async () => { throw new Error('ENOENT /secret/path'); } };
    const r = await dispatch(broken, isAppUrl, 'auth:status', {}, fromApp);
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'Đã xảy ra lỗi không mong muốn. Vui lòng thử lại hoặc liên hệ quản trị viên.' } });
  });

  it('checks responses too: a handler returning the wrong shape is an internal error', async () => {
    const { handlers } = await table();
    const broken = { ...handlers, 'auth:status': async () => ({ hasAccounts: 'yes' }) } as unknown as typeof handlers;
    expect(await dispatch(broken, isAppUrl, 'auth:status', {}, fromApp)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
