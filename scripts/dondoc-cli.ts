/**
 * Inspector for `.dondoc` sync packages, for support staff and for checking a USB stick:
 *
 *   npx tsx scripts/dondoc-cli.ts inspect FILE [--registry REGISTRY_FILE]
 *   npx tsx scripts/dondoc-cli.ts samples OUT_DIR   (one letter of every kind, .docx and .pdf; see samples.ts)
 *
 * Prints the manifest, whether the signature is valid (against the site registry when given),
 * op counts per entity and kind, and — with the registry — per author site how many ops are
 * proven as written by that site (shared/sync/authorship.ts). Exit code: 0 valid, 1 invalid
 * file or signature, or any op whose authorship fails (each reason printed), 2 usage.
 */
import { readFile, stat } from 'node:fs/promises';
import { AppError } from '../shared/errors';
import { fingerprint } from '../shared/sync/fingerprint';
import { defaultPackageLimits } from '../shared/sync/package';
import { MAX_REGISTRY_FILE_BYTES, siteKeys } from '../shared/sync/registry';
import { proveOps } from '../electron/main/sync/authorship';
import { checkSignature, readEnvelope, readOps } from '../electron/main/sync/pack';
import { trustedKeysFromRegistry, verifyRegistry, type VerifiedRegistry } from '../electron/main/sync/registry';

const USAGE = 'Cách dùng: dondoc inspect TỆP.dondoc [--registry TỆP_DANH_BẠ]';

async function readBounded(path: string, maxBytes: number): Promise<Buffer> {
  const size = (await stat(path)).size;
  if (size > maxBytes) throw new AppError('invalid-file', `Tệp ${path} quá lớn (${size} byte).`);
  return readFile(path);
}

function row(label: string, value: unknown): string {
  return `  ${label.padEnd(17)} ${value === null || value === undefined ? '—' : String(value)}`;
}

async function inspect(file: string, registryFile: string | null, print: (line: string) => void): Promise<number> {
  let registry: VerifiedRegistry | null = null;
  if (registryFile) {
    registry = verifyRegistry(await readBounded(registryFile, MAX_REGISTRY_FILE_BYTES));
    print(`Danh bạ: ${registryFile} (đơn vị điều phối ${registry.registry.coordinatorSiteId}, dấu vân tay ${registry.coordinatorFingerprint})`);
  }
  const bytes = await readBounded(file, defaultPackageLimits.maxFileBytes);
  const envelope = readEnvelope(bytes);
  const m = envelope.manifest;
  const siteName = (id: string) => registry?.registry.sites.find((s) => s.siteId === id)?.name;
  const named = (id: string) => (siteName(id) ? `${id} (${siteName(id)})` : id);

  print(`Gói dữ liệu Đôn Đốc: ${file}`);
  print(row('Kích thước tệp', `${bytes.length} byte`));
  print(row('Mã băm tệp', envelope.packageHash));
  print('Phần mô tả (manifest):');
  print(row('format', m.format));
  print(row('schemaVersion', m.schemaVersion));
  print(row('from', named(m.from)));
  print(row('to', m.to === '*' ? '* (mọi đơn vị)' : named(m.to)));
  print(row('seq', m.seq));
  print(row('prevPackageHash', m.prevPackageHash));
  print(row('createdAt', m.createdAt));
  print(row('appVersion', m.appVersion));
  print(row('opCount', m.opCount));
  print(row('payloadBytes', m.payloadBytes));
  print(row('payloadSha256', m.payloadSha256));
  print('  versionVector:');
  for (const [site, hlc] of Object.entries(m.versionVector).sort()) print(`    ${named(site)}: ${hlc}`);
  for (const r of m.keyRotations ?? []) print(`  keyRotation:      ${r.createdAt} ${fingerprint(r.oldPublicKey)} → ${fingerprint(r.newPublicKey)}`);

  let newSignerKey: string | null = null;
  if (registry) {
    try {
      const check = checkSignature(envelope, trustedKeysFromRegistry(registry.registry));
      newSignerKey = check.newSignerKey?.publicKey ?? null;
      print(`Chữ ký: hợp lệ (khóa của ${named(m.from)}, dấu vân tay ${fingerprint(check.signerPublicKey)})`);
      if (check.newSignerKey) print(`  Lưu ý: đơn vị đã đổi khóa so với danh bạ; khóa mới ${check.newSignerKey.fingerprint}`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      print(`Chữ ký: KHÔNG HỢP LỆ — ${error.message}`);
      return 1;
    }
  } else {
    print('Chữ ký: không kiểm tra được chữ ký: thiếu danh bạ (dùng --registry TỆP_DANH_BẠ)');
  }

  const ops = readOps(envelope);
  const counts = new Map<string, { set: number; insert: number }>();
  for (const op of ops) {
    const entry = counts.get(op.entity) ?? { set: 0, insert: 0 };
    entry[op.kind]++;
    counts.set(op.entity, entry);
  }
  print(`Thao tác theo bảng và loại (${ops.length}):`);
  print(`  ${'entity'.padEnd(22)}${'set'.padStart(10)}${'insert'.padStart(10)}${'tổng'.padStart(10)}`);
  for (const [entity, c] of [...counts].sort(([x], [y]) => x.localeCompare(y))) {
    print(`  ${entity.padEnd(22)}${String(c.set).padStart(10)}${String(c.insert).padStart(10)}${String(c.set + c.insert).padStart(10)}`);
  }
  const sites = new Map<string, number>();
  for (const op of ops) sites.set(op.site, (sites.get(op.site) ?? 0) + 1);
  print('Thao tác theo đơn vị tạo:');
  for (const [site, n] of [...sites].sort()) print(`  ${named(site).padEnd(32)}${String(n).padStart(10)}`);
  if (!registry) {
    print('Tác giả: không kiểm tra được tác giả của từng thao tác: thiếu danh bạ (dùng --registry TỆP_DANH_BẠ)');
    print('Kết quả: gói hợp lệ.');
    return 0;
  }
  const reg = registry.registry;
  const keysOf = (site: string) => {
    const entry = reg.sites.find((s) => s.siteId === site);
    const keys = entry ? siteKeys(entry) : [];
    return site === m.from && newSignerKey ? [...keys, newSignerKey] : keys;
  };
  const proof = proveOps(ops, m.checkpoints, keysOf);
  print('Tác giả (thao tác được chứng minh do chính đơn vị ghi tên tạo):');
  const refusedBySite = new Map<string, number>();
  for (const i of proof.refused.keys()) refusedBySite.set(ops[i].site, (refusedBySite.get(ops[i].site) ?? 0) + 1);
  for (const [site, n] of [...sites].sort()) {
    const bad = refusedBySite.get(site) ?? 0;
    print(`  ${named(site).padEnd(32)} đã chứng minh ${String(n - bad).padStart(7)} / ${n}${bad ? `  — KHÔNG chứng minh được ${bad}` : ''}`);
  }
  if (proof.refused.size > 0) {
    print('Thao tác không chứng minh được tác giả:');
    const shown = [...proof.refused].slice(0, 20);
    for (const [i, reason] of shown) print(`  #${i + 1} ${ops[i].id} (ghi là của ${named(ops[i].site)}): ${reason}`);
    if (proof.refused.size > shown.length) print(`  … và ${proof.refused.size - shown.length} thao tác khác.`);
    print(`Kết quả: KHÔNG HỢP LỆ — ${proof.refused.size} thao tác không chứng minh được tác giả.`);
    return 1;
  }
  print('Kết quả: gói hợp lệ, mọi thao tác đều được chứng minh tác giả.');
  return 0;
}

async function main(argv: string[], print: (line: string) => void = console.log, printError: (line: string) => void = console.error): Promise<number> {
  const [command, file, ...rest] = argv;
  if (command === 'samples') {
    if (!file || rest.length) {
      printError('Cách dùng: dondoc samples THƯ_MỤC');
      return 2;
    }
    try {
      // Loaded only here: the letter renderers resolve the @shared alias (npm run dondoc passes the tsconfig).
      const { writeSamples } = await import('./samples');
      return await writeSamples(file, print);
    } catch (error) {
      printError(`Lỗi: ${(error as Error).message}`);
      return 1;
    }
  }
  let registryFile: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--registry' && rest[i + 1]) registryFile = rest[++i];
    else {
      printError(USAGE);
      return 2;
    }
  }
  if (command !== 'inspect' || !file) {
    printError(USAGE);
    return 2;
  }
  try {
    return await inspect(file, registryFile, print);
  } catch (error) {
    if (error instanceof AppError) printError(`Lỗi: ${error.message}`);
    else if ((error as NodeJS.ErrnoException).code === 'ENOENT') printError(`Lỗi: không tìm thấy tệp ${(error as NodeJS.ErrnoException).path ?? ''}`);
    else printError(`Lỗi: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
