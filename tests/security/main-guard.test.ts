/**
 * Main enforces who is asking: every channel's rule in CHANNEL_ACCESS is tried against the real
 * handler table with no session, with a locked session and as unit staff; each refusal changes no
 * file and opens no dialog. Then the attacks as a page script would make them, through dispatch
 * with well-formed requests: sign and export a package, rotate the key, export the identity card
 * and registry, fill the backup folder with "pre-migration" junk.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, type Channel } from '@shared/ipc/contract';
import { SCHEMA_VERSION } from '@shared/data/schema';
import { CHANNEL_ACCESS, ruleOf } from '../../electron/main/ipc/access';
import { makeOps } from '../fixtures/sync';
import { ADMIN, makeOffice, snapshot, STAFF, type Office } from './main-harness';
import { refusal } from '../fixtures/errors';

const ctx = { senderUrl: 'app://dondoc/index.html' };
let office: Office;

const guarded = channelNames.filter((c) => ruleOf(CHANNEL_ACCESS, c).level !== 'anyone');
const adminOnly = channelNames.filter((c) => ruleOf(CHANNEL_ACCESS, c).level === 'admin');

async function sweep(channels: Channel[], message: RegExp) {
  const before = await snapshot(office.dataDir);
  const dialogs = office.dialogCalls.length;
  for (const channel of channels) {
    const handler = office.table[channel] as (req: unknown, c: typeof ctx) => Promise<unknown>;
    const e = await refusal(handler({}, ctx));
    expect({ channel, code: e.code }).toEqual({ channel, code: 'not-authorised' });
    expect(e.message).toMatch(message);
  }
  expect(office.dialogCalls.length).toBe(dialogs);
  expect(office.opened).toEqual([]);
  expect(await snapshot(office.dataDir)).toEqual(before);
}

beforeAll(async () => {
  office = await makeOffice();
  await office.api.call('auth:createFirstAdmin', ADMIN);
  await office.api.call('auth:createAccount', STAFF);
  // Make the keys and first files exist, so "nothing changed" is about real state.
  await office.api.call('sync:identity', {});
  await office.api.call('auth:logout', {});
});
afterAll(async () => {
  await rm(office.dataDir, { recursive: true, force: true });
});

describe('main enforces who is asking', () => {
  it('declares a rule for every channel, and signing, exporting, key and backup channels are not open', () => {
    expect(Object.keys(CHANNEL_ACCESS).sort()).toEqual([...channelNames].sort());
    for (const c of ['sync:exportPackage', 'sync:rotateKey', 'sync:exportIdentityCard', 'sync:exportRegistry'] as Channel[]) {
      expect(ruleOf(CHANNEL_ACCESS, c).level).toBe('admin');
    }
    for (const c of ['letters:saveDocx', 'letters:saveDocxBatch', 'letters:open', 'print:letterHtml', 'print:letterPdf', 'backup:write', 'files:open'] as Channel[]) {
      expect(ruleOf(CHANNEL_ACCESS, c).level).not.toBe('anyone');
    }
  });

  it('refuses every guarded channel with no one signed in, and changes nothing', async () => {
    await sweep(guarded, /đăng nhập/);
  });

  it('refuses every guarded channel while the session is locked', async () => {
    await office.api.call('auth:login', { username: ADMIN.username, password: ADMIN.password });
    await office.api.call('auth:lock', {});
    await sweep(guarded, /khóa/);
    await office.api.call('auth:logout', {});
  });

  it('refuses every administrator channel to unit staff', async () => {
    await office.api.call('auth:login', { username: STAFF.username, password: STAFF.password });
    await sweep(adminOnly, /không có quyền/);
    await office.api.call('auth:logout', {});
  });

  it('as a page script would: export a package of forged ops, rotate the key, export card and registry — refused, identity unchanged', async () => {
    const identityFile = join(office.dataDir, 'sync', 'identity.json');
    const identityBefore = await readFile(identityFile, 'utf8');
    const attempts = async () => {
      const ops = makeOps(3, 'site-of-the-coordinator');
      const calls = [
        office.api.call('sync:exportPackage', { to: 'xa-hoa-an', schemaVersion: SCHEMA_VERSION, versionVector: {}, ops }),
        office.api.call('sync:rotateKey', {}),
        office.api.call('sync:exportIdentityCard', { name: 'Văn phòng', units: [] }),
        office.api.call('sync:exportRegistry', { sites: [{ siteId: 'site-of-the-coordinator', name: 'Văn phòng', units: [], publicKey: null, role: 'coordinator' }] }),
      ];
      for (const call of calls) expect((await refusal(call)).code).toBe('not-authorised');
    };
    office.savePaths.push(join(office.dataDir, 'stolen.dondoc'));
    await attempts();
    await office.api.call('auth:login', { username: STAFF.username, password: STAFF.password });
    await attempts();
    await office.api.call('auth:lock', {});
    await attempts();
    await office.api.call('auth:logout', {});
    expect(await readFile(identityFile, 'utf8')).toBe(identityBefore);
    expect(office.dialogCalls).toEqual([]);
  });

  it('accepts at most one pre-migration backup per real upgrade, and none once the database is open at this schema', async () => {
    const before = await snapshot(office.dataDir);
    const junk = (schemaVersion: number) => office.api.call('backup:write', { reason: 'pre-migration', schemaVersion, counts: {}, json: '{"junk":1}' });
    // The database opened at the current schema: no upgrade can be due.
    await office.api.call('backup:databaseOpened', { schemaVersion: SCHEMA_VERSION });
    for (const v of [1, SCHEMA_VERSION - 1, SCHEMA_VERSION, SCHEMA_VERSION + 5]) {
      expect((await refusal(junk(v))).code).toBe('not-authorised');
    }
    const after = await snapshot(office.dataDir);
    expect(Object.keys(after).filter((f) => f.includes('pre-migration'))).toEqual([]);
    expect(Object.keys(after).filter((f) => !(f in before))).toEqual(['schema-ledger.json']);
  });

  it('a fresh install before its first open: one pre-migration backup per schema, asked again returns the same file', async () => {
    const fresh = await makeOffice();
    try {
      const write = () => fresh.api.call('backup:write', { reason: 'pre-migration', schemaVersion: SCHEMA_VERSION - 1, counts: {}, json: '{}' });
      const first = await write();
      for (let i = 0; i < 5; i++) expect((await write()).fileName).toBe(first.fileName);
      const list = Object.keys(await snapshot(fresh.dataDir)).filter((f) => f.endsWith('.ddbak'));
      expect(list).toHaveLength(1);
    } finally {
      await rm(fresh.dataDir, { recursive: true, force: true });
    }
  });
});
