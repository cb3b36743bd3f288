/**
 * Exchange folders on disk with real keys, packing and verification: atomic writes into the
 * outbox, an inbox scan that leaves partial files, moves refused ones aside with their reason,
 * and hands back each package once; outbox cleaning; folder validation.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exchangeChannels } from '@shared/ipc/channels/exchange';
import { BAD_DIR } from '@shared/sync/exchange';
import type { SecretBox } from '../deps';
import { makeOps } from '../../../tests/fixtures/sync';
import { createKeyStore } from '../sync/keys';
import { createExchangeHandlers, type ExchangeHandlers } from './exchange';
import { createPackageExporter } from './sync';
import { testDeps } from '../../../tests/fixtures/mainDeps';

const ctx = { senderUrl: 'app://dondoc/index.html' };
const box: SecretBox = {
  available: () => true,
  encrypt: (b) => Buffer.from(b.map((x) => x ^ 0x5a)),
  decrypt: (b) => Buffer.from(b.map((x) => x ^ 0x5a)),
};

interface Site {
  siteId: string;
  h: ExchangeHandlers;
  publicKey: () => Promise<string>;
  dataDir: string;
}

let root: string;
let clock: number;

async function makeSite(siteId: string): Promise<Site> {
  const dataDir = join(root, `data-${siteId}`);
  const deps = testDeps(dataDir, () => new Date(clock), { secretBox: box });
  const keys = createKeyStore(deps, () => siteId);
  const h = createExchangeHandlers(deps, {
    siteId: () => siteId,
    keys,
    exporter: createPackageExporter(deps, keys),
    settle: { minScans: 2, minMs: 60_000 },
  });
  return {
    siteId,
    h,
    dataDir,
    publicKey: async () => (await keys.identity()).publicKey,
  };
}

/** xa-a → vp-tinh: a's outbox for vp is vp's inbox from a (one folder, as a carrier would make it). */
let a: Site;
let vp: Site;
let aToVp: string;
let vpToA: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dondoc-exchange-'));
  clock = Date.parse('2026-05-04T02:00:00Z');
  a = await makeSite('xa-a');
  vp = await makeSite('vp-tinh');
  aToVp = join(root, 'a-to-vp');
  vpToA = join(root, 'vp-to-a');
  await mkdir(aToVp);
  await mkdir(vpToA);
  await a.h['exchange:setPeerFolders']({ siteId: 'vp-tinh', folders: { outbox: aToVp, inbox: vpToA } }, ctx);
  await vp.h['exchange:setPeerFolders']({ siteId: 'xa-a', folders: { outbox: vpToA, inbox: aToVp } }, ctx);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const vv = { 'xa-a': '001750000000000-0000-xa-a' };
/**
 * Each site's ops are prefixes of ONE chain (main signs only a chain that continues the one it
 * signed before); each call carries one more op than the last, so no two exports are alike.
 */
const chains = new Map<string, ReturnType<typeof makeOps>>();
const opsOf = (site: string, count: number) => {
  if (!chains.has(site)) chains.set(site, makeOps(200, site));
  return chains.get(site)!.slice(0, count);
};
let opCount = 4;
const send = (from: Site, to: string, ops = opsOf(from.siteId, ++opCount)) => from.h['exchange:export']({ to, schemaVersion: 3, versionVector: vv, ops }, ctx);
const trust = async () => ({ 'xa-a': await a.publicKey() });
const scan = async () => (await vp.h['exchange:scan']({ trustedKeys: await trust() }, ctx)).peers.find((p) => p.siteId === 'xa-a')!.packages;

describe('exchange folders', () => {
  it('writes packages under their final name only when complete, and the peer scans them in', async () => {
    const one = await send(a, 'vp-tinh');
    expect(exchangeChannels['exchange:export'].res.safeParse(one).success).toBe(true);
    expect(one).toMatchObject({ written: true, seq: 1 });
    const names = await readdir(aToVp);
    expect(names).toEqual([one.path!.split('/').pop()]);
    const found = await scan();
    expect(found).toEqual([
      expect.objectContaining({
        from: 'xa-a',
        to: 'vp-tinh',
        seq: 1,
        packageHash: one.packageHash,
      }),
    ]);
    const read = await vp.h['exchange:read'](
      {
        siteId: 'xa-a',
        name: found[0].name,
        packageHash: found[0].packageHash,
        trustedKeys: await trust(),
      },
      ctx,
    );
    expect(exchangeChannels['exchange:read'].res.safeParse(read).success).toBe(true);
    expect(read.status).toBe('ok');
    expect(read.package?.ops).toHaveLength(5);
  });

  it('does not write the same package twice while the last one waits in the outbox', async () => {
    const ops = opsOf('xa-a', 3);
    expect((await send(a, 'vp-tinh', ops)).written).toBe(true);
    expect((await send(a, 'vp-tinh', ops)).written).toBe(false);
    expect(await readdir(aToVp)).toHaveLength(1);
    expect((await send(a, 'vp-tinh', opsOf('xa-a', 4))).seq).toBe(2);
  });

  it('leaves a partial file (temporary name, or short under its final name) for the next scan, then moves it aside once it never completes', async () => {
    const one = await send(a, 'vp-tinh');
    const bytes = await readFile(one.path!);
    await writeFile(join(aToVp, '.syncthing.goi-2.dondoc.tmp'), bytes.subarray(0, 50));
    await writeFile(join(aToVp, 'goi-3.dondoc'), bytes.subarray(0, bytes.length - 20));
    expect((await scan()).map((p) => p.seq)).toEqual([1]);
    expect((await readdir(aToVp)).sort()).toContain('goi-3.dondoc');
    // Grows (the copy goes on): its wait starts again.
    clock += 120_000;
    await writeFile(join(aToVp, 'goi-3.dondoc'), bytes.subarray(0, bytes.length - 10));
    await scan();
    expect(await readdir(aToVp)).toContain('goi-3.dondoc');
    // Unchanged for two scans over more than a minute: given up on, with its reason.
    clock += 120_000;
    await scan();
    expect(await readdir(aToVp)).not.toContain('goi-3.dondoc');
    expect(await readdir(aToVp)).toContain('.syncthing.goi-2.dondoc.tmp');
    const reason = await readFile(join(aToVp, BAD_DIR, 'goi-3.dondoc.ly-do.txt'), 'utf8');
    expect(reason).toContain('mã băm không khớp');
    const status = await vp.h['exchange:status']({}, ctx);
    expect(status.carriers[0].bad).toEqual([
      expect.objectContaining({
        name: 'goi-3.dondoc',
        reason: expect.stringContaining('mã băm không khớp'),
      }),
    ]);
  });

  it('moves a package with a bad signature, and one for another site, aside with their reasons', async () => {
    const one = await send(a, 'vp-tinh');
    const forged = await readFile(one.path!);
    forged[20] ^= 0x01; // inside the signed manifest
    await writeFile(join(aToVp, 'forged.dondoc'), forged);
    // A package a wrote for another site, copied into this inbox by mistake.
    const misdirected = await sendElsewhere();
    await writeFile(join(aToVp, 'for-xa-b.dondoc'), misdirected);

    const found = await scan();
    expect(found.map((p) => p.seq)).toEqual([1]);
    const bad = (await vp.h['exchange:status']({}, ctx)).carriers[0].bad;
    const reasons = Object.fromEntries(bad.map((b) => [b.name, b.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['for-xa-b.dondoc', 'forged.dondoc']);
    expect(reasons['for-xa-b.dondoc']).toContain('gửi cho đơn vị khác');
    expect(reasons['forged.dondoc']).toMatch(/Chữ ký số của gói không hợp lệ|Phần mô tả của gói/);
    expect(await readdir(join(aToVp, BAD_DIR))).toContain('forged.dondoc');
  });

  it('hands back the same content once per scan whatever its names, and out-of-order files all appear', async () => {
    const first = await send(a, 'vp-tinh');
    const second = await send(a, 'vp-tinh');
    await writeFile(join(aToVp, 'copy-of-first.dondoc'), await readFile(first.path!));
    const found = await scan();
    expect(found.map((p) => p.seq).sort()).toEqual([1, 1, 2]);
    expect(new Set(found.map((p) => p.packageHash))).toEqual(new Set([first.packageHash, second.packageHash]));
  });

  it('leaves packages from a key not trusted yet in place', async () => {
    await send(a, 'vp-tinh');
    const res = await vp.h['exchange:scan']({ trustedKeys: {} }, ctx);
    expect(res.peers[0].packages).toEqual([]);
    expect(await readdir(aToVp)).toHaveLength(1);
    await vp.h['exchange:clean']({ siteId: 'xa-a', acknowledged: [], pendingPackages: 0 }, ctx);
    expect((await vp.h['exchange:status']({}, ctx)).carriers[0].waiting).toBe(1);
  });

  it('cleans acknowledged packages from the outbox but keeps the newest', async () => {
    const one = await send(a, 'vp-tinh');
    const two = await send(a, 'vp-tinh');
    const three = await send(a, 'vp-tinh');
    const res = await a.h['exchange:clean'](
      {
        siteId: 'vp-tinh',
        acknowledged: [one.packageHash!, two.packageHash!, three.packageHash!],
        pendingPackages: 0,
      },
      ctx,
    );
    expect(res.removed.sort()).toEqual([one.path!, two.path!].map((p) => p.split('/').pop()).sort());
    expect(await readdir(aToVp)).toEqual([three.path!.split('/').pop()]);
  });

  it('refuses folders that do not exist, nest, or serve another peer', async () => {
    await expect(
      a.h['exchange:setPeerFolders'](
        {
          siteId: 'xa-b',
          folders: { outbox: join(root, 'missing'), inbox: join(root, 'x') },
        },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(a.h['exchange:setPeerFolders']({ siteId: 'xa-b', folders: { outbox: aToVp, inbox: join(root, 'x') } }, ctx)).rejects.toThrow(/máy khác/);
    await mkdir(join(root, 'n', 'inner'), { recursive: true });
    await expect(
      a.h['exchange:setPeerFolders'](
        {
          siteId: 'xa-b',
          folders: { outbox: join(root, 'n'), inbox: join(root, 'n', 'inner') },
        },
        ctx,
      ),
    ).rejects.toThrow(/lồng nhau/);
    await expect(
      a.h['exchange:setPeerFolders'](
        {
          siteId: 'xa-b',
          folders: { outbox: 'relative', inbox: join(root, 'n') },
        },
        ctx,
      ),
    ).rejects.toThrow(/đường dẫn đầy đủ/);
  });

  it('keeps the Syncthing key to itself and reads folder completion and errors from the API', async () => {
    const calls: string[] = [];
    const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      calls.push(`${url.pathname}${url.search} key=${new Headers(init?.headers).get('X-API-Key')}`);
      const body =
        url.pathname === '/rest/config/folders'
          ? [
              { id: 'in-a', path: aToVp },
              { id: 'unrelated', path: '/srv/other' },
            ]
          : url.pathname === '/rest/db/completion'
            ? { completion: 87.5, needItems: 2 }
            : url.pathname === '/rest/db/status'
              ? { state: 'syncing' }
              : {
                  errors: [{ path: 'goi.dondoc', error: 'permission denied' }],
                };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
    const deps = testDeps(vp.dataDir, () => new Date(clock), { secretBox: box });
    const keys = createKeyStore(deps, () => 'vp-tinh');
    const h = createExchangeHandlers(deps, {
      siteId: () => 'vp-tinh',
      keys,
      exporter: createPackageExporter(deps, keys),
      fetchImpl: fakeFetch,
    });
    const config = await h['exchange:setSyncthing']({ address: 'http://127.0.0.1:8384', apiKey: 'secret-api-key-123' }, ctx);
    expect(config.syncthing).toEqual({
      address: 'http://127.0.0.1:8384',
      hasApiKey: true,
    });
    expect(JSON.stringify(config)).not.toContain('secret-api-key-123');
    expect(await readFile(join(vp.dataDir, 'sync', 'exchange.json'), 'utf8')).not.toContain('secret-api-key-123');
    const status = await h['exchange:status']({}, ctx);
    expect(status.syncthingError).toBeNull();
    expect(status.carriers[0].syncthing).toEqual([
      {
        folderId: 'in-a',
        role: 'inbox',
        completion: 87.5,
        needItems: 2,
        state: 'syncing',
        lastError: 'goi.dondoc: permission denied',
      },
    ]);
    expect(calls.every((c) => c.endsWith('key=secret-api-key-123'))).toBe(true);
    await expect(h['exchange:setSyncthing']({ address: 'http://10.0.0.2:8384' }, ctx)).rejects.toBeDefined();
  });
});

/** A package from xa-a addressed to xa-b (a third site), as bytes. */
async function sendElsewhere(): Promise<Buffer> {
  const dir = join(root, 'elsewhere');
  await mkdir(dir, { recursive: true });
  await mkdir(join(root, 'elsewhere-in'), { recursive: true });
  await a.h['exchange:setPeerFolders'](
    {
      siteId: 'xa-b',
      folders: { outbox: dir, inbox: join(root, 'elsewhere-in') },
    },
    ctx,
  );
  const res = await send(a, 'xa-b');
  return readFile(res.path!);
}
