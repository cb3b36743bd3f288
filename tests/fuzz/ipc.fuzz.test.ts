/**
 * Input surface: every IPC channel. Random and structure-aware payloads through the real
 * dispatch and handler table: the call never throws, always answers an IpcResult, a refusal
 * carries a Vietnamese message, and a refused request changes nothing on disk or in the session.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { channelNames, contract, type Channel } from '@shared/ipc/contract';
import type { IpcResult } from '@shared/ipc/result';
import { createHandlers } from '../../electron/main/handlers';
import { dispatch } from '../../electron/main/ipc/dispatch';
import type { HandlerTable } from '../../electron/main/ipc/types';
import { VIETNAMESE } from './mutate';
import { testDeps } from '../fixtures/mainDeps';

let root: string;
let table: HandlerTable;

async function fingerprintDir(dir: string): Promise<string> {
  const h = createHash('sha256');
  const walk = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((x, y) => (x.name < y.name ? -1 : 1))) {
      const p = join(d, e.name);
      // A refused login is meant to leave a trace: the failed-attempt counter, the lockout and the
      // accounts audit. Everything else (passwords, accounts, backups, keys, settings) must not move.
      if (e.name === 'accounts-audit.json') continue;
      h.update(p);
      if (e.isDirectory()) await walk(p);
      else if (e.name === 'accounts.json') {
        const file = JSON.parse(await readFile(p, 'utf8')) as { accounts: Record<string, unknown>[] };
        h.update(JSON.stringify(file.accounts.map(({ failedAttempts, lockedUntil, ...rest }) => (void failedAttempts, void lockedUntil, rest))));
      } else h.update(await readFile(p));
    }
  };
  await walk(dir);
  return h.digest('hex');
}

const call = (channel: unknown, request: unknown) => dispatch(table, () => true, channel, request, { senderUrl: 'app://dondoc/index.html', isTopFrame: true });

async function state(): Promise<string> {
  const status = (await call('auth:status', {})) as IpcResult<unknown>;
  return `${await fingerprintDir(root)}|${JSON.stringify(status)}`;
}

/** Keys of a channel's request object, so payloads are often almost right (the interesting case). */
function requestKeys(c: Channel): string[] {
  const req = contract[c].req;
  return req instanceof z.ZodObject ? Object.keys(req.shape) : [];
}

const value = fc.oneof(
  fc.anything(),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.constantFrom('', null, 0, -1, 1e308, 'lan.vt', 'matkhau-an-toan', '../../etc/passwd', '0'.repeat(32), 'daily', 'stored', 'pick', 'admin'),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }),
);

const payloadFor = (c: Channel) =>
  fc.oneof(
    fc.anything(),
    fc.dictionary(fc.constantFrom(...requestKeys(c), 'source', 'extra', '__proto__', 'constructor'), value, { maxKeys: 6 }),
  );

const callArb = fc.constantFrom(...channelNames).chain((c) => fc.tuple(fc.constant(c), payloadFor(c)));

function checkResult(result: unknown): IpcResult<unknown> {
  expect(typeof result).toBe('object');
  const r = result as IpcResult<unknown>;
  expect(typeof r.ok).toBe('boolean');
  if (!r.ok) {
    expect(typeof r.error.code).toBe('string');
    expect(r.error.message).toMatch(VIETNAMESE);
  }
  return r;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dondoc-fuzz-ipc-'));
  // Every dialog is cancelled (testDeps' default): the fuzzer must never write a file outside the data folder.
  table = await createHandlers(testDeps(join(root, 'data'), () => new Date('2025-07-01T01:00:00.000Z')));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('fuzz: IPC dispatch on every channel', () => {
  it('covers every channel of the contract', () => {
    expect(channelNames.length).toBeGreaterThan(20);
    for (const c of channelNames) expect(typeof table[c]).toBe('function');
  });

  it('unknown channels and forged senders are refused with a Vietnamese message', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), async (channel, request) => {
        const before = await state();
        const r = checkResult(await dispatch(table, () => false, channel, request, { senderUrl: 'https://evil.example/', isTopFrame: true }));
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('forbidden-sender');
        expect(await state()).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  it('logged out: random payloads never throw, and refused ones change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(callArb, async ([channel, request]) => {
        const before = await state();
        const r = checkResult(await call(channel, request));
        if (!r.ok) expect(await state(), `${channel} refused but changed state`).toBe(before);
      }),
      { numRuns: 400 },
    );
  });

  it('logged in as administrator: random payloads never throw, and refused ones change nothing', async () => {
    const status = (await call('auth:status', {})) as IpcResult<{ hasAccounts: boolean }>;
    const created = status.ok && !status.value.hasAccounts ? await call('auth:createFirstAdmin', { username: 'lan.vt', password: 'matkhau-an-toan', displayName: 'Nông Thị Lan' }) : await call('auth:login', { username: 'lan.vt', password: 'matkhau-an-toan' });
    expect((created as IpcResult<unknown>).ok).toBe(true);
    await fc.assert(
      fc.asyncProperty(callArb, async ([channel, request]) => {
        // An accepted logout or lock in an earlier run ends the session: start each run logged in.
        const s = (await call('auth:status', {})) as IpcResult<{ session: { locked: boolean } | null }>;
        if (s.ok && (!s.value.session || s.value.session.locked)) {
          if (s.value.session?.locked) await call('auth:unlock', { password: 'matkhau-an-toan' });
          else await call('auth:login', { username: 'lan.vt', password: 'matkhau-an-toan' });
        }
        const before = await state();
        const r = checkResult(await call(channel, request));
        if (!r.ok) expect(await state(), `${channel} refused but changed state`).toBe(before);
      }),
      { numRuns: 250 },
    );
  });
});
