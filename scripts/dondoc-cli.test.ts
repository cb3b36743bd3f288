import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointOf, makeOps, makeSite, manifestFieldsFor } from '../tests/fixtures/sync';
import { chainOps, EMPTY_HEAD, opChainHash } from '../shared/sync/authorship';
import { nodeChainCrypto, signCheckpoint } from '../electron/main/sync/authorship';
import { packPackage } from '../electron/main/sync/pack';
import { signRegistry } from '../electron/main/sync/registry';

const repo = resolve(__dirname, '..');
const tsx = join(repo, 'node_modules', '.bin', 'tsx');
let dir: string;
const a = makeSite('xa-a');
const b = makeSite('phong-tc');

function cli(...args: string[]) {
  const run = spawnSync(tsx, [join(repo, 'scripts', 'dondoc-cli.ts'), ...args], { encoding: 'utf8', cwd: repo, timeout: 60_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dondoc-cli-'));
  const raw = [...makeOps(30, 'xa-a')].map((op, i) => ({ ...op, entity: i < 12 ? ('tasks' as const) : ('taskEvents' as const), kind: i % 3 === 0 ? ('insert' as const) : ('set' as const) }));
  const ops = chainOps(raw, EMPTY_HEAD, nodeChainCrypto).ops;
  const bytes = packPackage({ manifestFields: manifestFieldsFor('xa-a', 'phong-tc', 17, { checkpoints: [checkpointOf(a, ops)] }), ops, privateKey: a.privateKey });
  await writeFile(join(dir, 'ok.dondoc'), bytes);
  const tampered = Buffer.from(bytes);
  tampered[tampered.length - 4] ^= 0x08;
  await writeFile(join(dir, 'tampered.dondoc'), tampered);
  const forged = packPackage({ manifestFields: manifestFieldsFor('xa-a', 'phong-tc', 18), ops: [], privateKey: makeSite('xa-a').privateKey });
  await writeFile(join(dir, 'forged.dondoc'), forged);
  // A trusted unit's real package with one op claiming the coordinator, "proven" by the unit's own key.
  const [claim] = chainOps([{ ...raw[0], id: 'op-gia-mao', site: 'phong-tc', hlc: raw[0].hlc.replace('xa-a', 'phong-tc'), entity: 'units', values: { name: 'Đổi tên' } }], EMPTY_HEAD, nodeChainCrypto).ops;
  const claimCp = { ...signCheckpoint({ site: 'phong-tc', seq: 1, head: opChainHash(claim, nodeChainCrypto) }, a.privateKey), key: b.publicKey };
  const forgedAuthor = packPackage({ manifestFields: manifestFieldsFor('xa-a', 'phong-tc', 19, { checkpoints: [checkpointOf(a, ops), claimCp] }), ops: [...ops, claim], privateKey: a.privateKey });
  await writeFile(join(dir, 'forged-author.dondoc'), forgedAuthor);
  const registry = signRegistry(
    {
      format: 1,
      createdAt: '2025-07-01T00:00:00.000Z',
      coordinatorSiteId: 'phong-tc',
      sites: [
        { siteId: 'phong-tc', name: 'Phòng Tài chính', units: [], publicKey: b.publicKey, role: 'coordinator' },
        { siteId: 'xa-a', name: 'UBND xã A', units: [], publicKey: a.publicKey, role: 'unit' },
      ],
    },
    b.privateKey,
  );
  await writeFile(join(dir, 'registry.dondoc-registry'), registry);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('dondoc inspect', () => {
  it('prints the manifest and op counts of a valid file and exits 0', () => {
    const run = cli('inspect', join(dir, 'ok.dondoc'));
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/from\s+xa-a/);
    expect(run.out).toMatch(/to\s+phong-tc/);
    expect(run.out).toMatch(/seq\s+17/);
    expect(run.out).toMatch(/opCount\s+30/);
    expect(run.out).toContain('không kiểm tra được chữ ký: thiếu danh bạ');
    // 12 tasks ops, of which i % 3 === 0 → 4 inserts; 18 taskEvents, 6 inserts.
    expect(run.out).toMatch(/tasks\s+8\s+4\s+12/);
    expect(run.out).toMatch(/taskEvents\s+12\s+6\s+18/);
  });

  it('checks the signature against a registry', () => {
    const ok = cli('inspect', join(dir, 'ok.dondoc'), '--registry', join(dir, 'registry.dondoc-registry'));
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Chữ ký: hợp lệ/);
    const forged = cli('inspect', join(dir, 'forged.dondoc'), '--registry', join(dir, 'registry.dondoc-registry'));
    expect(forged.code).toBe(1);
    expect(forged.out).toMatch(/Chữ ký: KHÔNG HỢP LỆ/);
  });

  it('prints per author site how many ops are proven, and fails with the reason when one is not', () => {
    const ok = cli('inspect', join(dir, 'ok.dondoc'), '--registry', join(dir, 'registry.dondoc-registry'));
    expect(ok.out).toMatch(/xa-a \(UBND xã A\)\s+đã chứng minh\s+30 \/ 30/);
    expect(ok.out).toContain('mọi thao tác đều được chứng minh tác giả');
    const run = cli('inspect', join(dir, 'forged-author.dondoc'), '--registry', join(dir, 'registry.dondoc-registry'));
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/Chữ ký: hợp lệ/);
    expect(run.out).toMatch(/phong-tc \(Phòng Tài chính\)\s+đã chứng minh\s+0 \/ 1\s+— KHÔNG chứng minh được 1/);
    expect(run.out).toMatch(/xa-a \(UBND xã A\)\s+đã chứng minh\s+30 \/ 30/);
    expect(run.out).toContain('op-gia-mao (ghi là của phong-tc (Phòng Tài chính)): Xác nhận chuỗi thao tác ghi là của máy "phong-tc" không có chữ ký hợp lệ');
    expect(run.out).toContain('Kết quả: KHÔNG HỢP LỆ — 1 thao tác không chứng minh được tác giả.');
  });

  it('exits non-zero with the Vietnamese reason on a tampered file, and 2 on bad usage', () => {
    const run = cli('inspect', join(dir, 'tampered.dondoc'));
    expect(run.code).toBe(1);
    expect(run.err).toContain('Lỗi: Nội dung gói đã bị thay đổi hoặc hỏng (mã băm không khớp).');
    expect(cli('inspect').code).toBe(2);
    expect(cli('inspect', join(dir, 'missing.dondoc')).code).toBe(1);
  });
});
