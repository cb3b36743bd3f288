/**
 * Sync handlers: keys, package export/import and the site registry. Main signs, verifies and
 * does the file I/O; the renderer picks the ops, decides trust and applies what comes back.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { foldVietnamese } from '../../../shared/text/search';
import { syncChannels, type SyncChannel } from '../../../shared/ipc/channels/sync';
import { defaultPackageLimits, PACKAGE_EXTENSION, sha256HexSchema, type PackageLimits } from '../../../shared/sync/package';
import {
  IDENTITY_CARD_EXTENSION,
  MAX_IDENTITY_CARD_BYTES,
  MAX_REGISTRY_FILE_BYTES,
  REGISTRY_EXTENSION,
  REGISTRY_FORMAT,
  type Registry,
} from '../../../shared/sync/registry';
import type { MainDeps } from '../deps';
import type { HandlerContext } from '../ipc/types';
import { atomicWrite, createMutex, readJsonFile } from '../sync/files';
import { sha256Hex } from '../sync/exchange';
import { savePathWithExtension } from '../fs/fileNames';
import { createKeyStore, type KeyStore, type SiteIdentity } from '../sync/keys';
import { packPackage, verifyPackage } from '../sync/pack';
import { authorKeysFor, createOwnSigner, fileChainStore, type OwnChainStore } from '../sync/authorship';
import { signIdentityCard, signRegistry, verifyIdentityCard, verifyRegistry } from '../sync/registry';

/** Structurally the same as Handlers<SyncChannel> once syncChannels is in the contract. */
export type SyncHandlers = {
  [K in SyncChannel]: (
    request: z.output<(typeof syncChannels)[K]['req']>,
    ctx: HandlerContext,
  ) => Promise<z.output<(typeof syncChannels)[K]['res']>>;
};

export interface SyncHandlerOptions {
  /** This installation's site id (the same one app:info reports). */
  siteId: () => string | Promise<string>;
  keyStore?: KeyStore;
  /** Where main keeps the head of this site's chain it last signed (default: a file under dataDir). */
  chainStore?: OwnChainStore;
  /** Shared with the exchange folders (handlers/exchange.ts) so both draw seqs from one stream. */
  exporter?: PackageExporter;
  limits?: Partial<PackageLimits>;
}

export const OUTBOX_FILE = join('sync', 'outbox.json');

/** Per recipient stream ('*' is its own stream): last seq handed out and that package's hash. */
const outboxSchema = z.object({
  version: z.literal(1),
  streams: z.record(
    z.string(),
    z.object({ seq: z.number().int().min(0), lastPackageHash: sha256HexSchema.nullable(), lastExportedAt: z.string() }),
  ),
});
type Outbox = z.infer<typeof outboxSchema>;

export type ExportPackageRequest = z.output<(typeof syncChannels)['sync:exportPackage']['req']>;
export type ExportPackageResult = z.output<(typeof syncChannels)['sync:exportPackage']['res']>;

/**
 * Where a packed file goes: a save dialog, or an exchange folder. Returns the path written,
 * or null when the user cancelled (the seq is then given back). Throws if writing failed.
 */
export type PackageSink = (file: { bytes: Buffer; defaultName: string; seq: number; packageHash: string }) => Promise<string | null>;

export interface PackageExporter {
  /** Packs and signs the next package of the `to` stream and hands it to `sink`; null when cancelled. */
  exportTo(req: ExportPackageRequest, sink: PackageSink): Promise<ExportPackageResult | null>;
  /**
   * Replaces the site key between exports, recording the last chain position the old key signed,
   * so checkpoints a stolen old key signs later prove nothing.
   */
  rotateKey(): Promise<SiteIdentity>;
}

/**
 * The one place seq and prevPackageHash are handed out: the export dialog and the exchange
 * folders share it, so two exports at once never reuse a seq.
 */
export function createPackageExporter(deps: MainDeps, keys: KeyStore, chainStore?: OwnChainStore): PackageExporter {
  const outboxPath = join(deps.dataDir, OUTBOX_FILE);
  const exclusive = createMutex();
  const store = chainStore ?? fileChainStore(deps.dataDir, async () => (await keys.identity()).siteId, deps.now);
  const signOwn = createOwnSigner(store);
  const readOutbox = async (): Promise<Outbox> => (await readJsonFile(outboxPath, outboxSchema)) ?? { version: 1, streams: {} };
  return {
    rotateKey: () => exclusive(async () => (await keys.rotate((await store.read())?.seq ?? 0)).identity),
    exportTo: (req, sink) =>
      exclusive(async () => {
        const identity = await keys.identity();
        if (req.to === identity.siteId) throw new AppError('invalid-input', 'Không thể tạo gói gửi cho chính đơn vị này.');
        const outbox = await readOutbox();
        const stream = outbox.streams[req.to];
        const seq = (stream?.seq ?? 0) + 1;
        const prevPackageHash = stream?.lastPackageHash ?? null;
        const now = deps.now();
        const privateKey = await keys.privateKey();
        // Main signs only this site's own chain; other authors' checkpoints travel as they came.
        const own = await signOwn(identity.siteId, req.ops, privateKey);
        const checkpoints = [...(req.checkpoints ?? []).filter((c) => c.site !== identity.siteId), ...(own ? [own] : [])];
        const bytes = packPackage({
          manifestFields: {
            schemaVersion: req.schemaVersion,
            from: identity.siteId,
            to: req.to,
            seq,
            prevPackageHash,
            createdAt: now.toISOString(),
            versionVector: req.versionVector,
            appVersion: deps.appVersion.slice(0, 40),
            ...(identity.rotations.length ? { keyRotations: identity.rotations } : {}),
            checkpoints,
          },
          ops: req.ops,
          privateKey,
        });
        const packageHash = sha256Hex(bytes);
        const next: Outbox = {
          ...outbox,
          streams: { ...outbox.streams, [req.to]: { seq, lastPackageHash: packageHash, lastExportedAt: now.toISOString() } },
        };
        // The seq is recorded before the file is written: a seq must never be reused for different ops.
        await atomicWrite(outboxPath, JSON.stringify(next, null, 2));
        let path: string | null;
        try {
          path = await sink({ bytes, defaultName: packageFileName(identity.siteId, req.to, req.peerName, seq, now), seq, packageHash });
        } catch (error) {
          await atomicWrite(outboxPath, JSON.stringify(outbox, null, 2));
          throw error;
        }
        if (!path) {
          await atomicWrite(outboxPath, JSON.stringify(outbox, null, 2));
          return null;
        }
        return { canceled: false, path, seq, packageHash, prevPackageHash, opCount: req.ops.length, bytes: bytes.length };
      }),
  };
}

export function createSyncHandlers(deps: MainDeps, options: SyncHandlerOptions): SyncHandlers {
  const keys = options.keyStore ?? createKeyStore(deps, options.siteId);
  const limits: PackageLimits = { ...defaultPackageLimits, ...options.limits };
  const exporter = options.exporter ?? createPackageExporter(deps, keys, options.chainStore);

  async function readPicked(path: string, maxBytes: number, tooLarge: string): Promise<Buffer> {
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch {
      throw new AppError('not-found', `Không mở được tệp ${basename(path)}.`);
    }
    // Checked before reading so a huge file is never loaded into memory.
    if (size > maxBytes) throw new AppError('invalid-file', tooLarge);
    return readFile(path);
  }

  return {
    'sync:identity': () => keys.identity(),

    'sync:rotateKey': () => exporter.rotateKey(),

    'sync:exportPackage': async (req) => {
      const res = await exporter.exportTo(req, async ({ bytes, defaultName }) => {
        const chosen = await deps.dialogs.pickSavePath({
          title: 'Lưu gói dữ liệu đồng bộ',
          defaultPath: defaultName,
          filters: [{ name: 'Gói dữ liệu Đôn Đốc', extensions: [PACKAGE_EXTENSION] }],
        });
        if (!chosen) return null;
        // The receiver's "Nhập gói" lists only .dondoc files; a device name is refused.
        const path = forcedSavePath(chosen, PACKAGE_EXTENSION);
        try {
          await atomicWrite(path, bytes);
        } catch {
          throw new AppError('storage', `Không ghi được tệp ${basename(path)}. Hãy kiểm tra USB hoặc thư mục đã chọn.`);
        }
        return path;
      });
      return res ?? { canceled: true, path: null, seq: null, packageHash: null, prevPackageHash: null, opCount: req.ops.length, bytes: 0 };
    },

    'sync:readPackage': async (req) => {
      const path = await deps.dialogs.pickOpenPath({
        title: 'Chọn gói dữ liệu đồng bộ',
        filters: [{ name: 'Gói dữ liệu Đôn Đốc', extensions: [PACKAGE_EXTENSION] }],
      });
      if (!path) return { canceled: true, fileName: null, package: null };
      const identity = await keys.identity();
      const bytes = await readPicked(path, limits.maxFileBytes, `Tệp ${basename(path)} quá lớn để là gói dữ liệu Đôn Đốc.`);
      // This site's own keys come from main: an op claiming this site is proven only by them.
      const authorKeys = authorKeysFor(identity, req.trustedKeys, req.previousKeys);
      const verified = verifyPackage(bytes, { trustedKeys: req.trustedKeys, mySiteId: identity.siteId, limits, authorKeys });
      const { manifest, ops, packageHash, signerPublicKey, newSignerKey, authorship } = verified;
      return { canceled: false, fileName: basename(path), package: { manifest, ops, packageHash, signerPublicKey, newSignerKey, authorship } };
    },

    'sync:exportIdentityCard': async (req) => {
      const identity = await keys.identity();
      const now = deps.now();
      const bytes = signIdentityCard(
        { siteId: identity.siteId, name: req.name, units: req.units, publicKey: identity.publicKey, createdAt: now.toISOString() },
        await keys.privateKey(),
      );
      const chosen = await deps.dialogs.pickSavePath({
        title: 'Lưu tệp khóa của đơn vị',
        defaultPath: `khoa-${slug(req.name) || slug(identity.siteId)}.${IDENTITY_CARD_EXTENSION}`,
        filters: [{ name: 'Tệp khóa đơn vị Đôn Đốc', extensions: [IDENTITY_CARD_EXTENSION] }],
      });
      if (!chosen) return { canceled: true, path: null, fingerprint: identity.fingerprint };
      const path = forcedSavePath(chosen, IDENTITY_CARD_EXTENSION);
      await atomicWrite(path, bytes);
      return { canceled: false, path, fingerprint: identity.fingerprint };
    },

    'sync:readIdentityCard': async () => {
      const path = await deps.dialogs.pickOpenPath({
        title: 'Chọn tệp khóa của đơn vị',
        filters: [{ name: 'Tệp khóa đơn vị Đôn Đốc', extensions: [IDENTITY_CARD_EXTENSION] }],
      });
      if (!path) return { canceled: true, fileName: null, card: null };
      const bytes = await readPicked(path, MAX_IDENTITY_CARD_BYTES, 'Tệp khóa quá lớn.');
      return { canceled: false, fileName: basename(path), card: verifyIdentityCard(bytes) };
    },

    'sync:exportRegistry': async (req) => {
      const identity = await keys.identity();
      const own = req.sites.find((s) => s.siteId === identity.siteId);
      if (!own || own.role !== 'coordinator') throw new AppError('not-authorised', 'Chỉ máy của đơn vị điều phối mới xuất được danh bạ đơn vị.');
      if (own.publicKey !== null && own.publicKey !== identity.publicKey) {
        throw new AppError('invalid-input', 'Khóa công khai của đơn vị điều phối trong danh bạ không khớp với khóa của máy này.');
      }
      const missing = req.sites.filter((s) => s.siteId !== identity.siteId && s.publicKey === null);
      if (missing.length) {
        throw new AppError('invalid-input', `Chưa có khóa công khai của: ${missing.map((s) => s.name).join(', ')}.`);
      }
      const now = deps.now();
      const registry: Registry = {
        format: REGISTRY_FORMAT,
        createdAt: now.toISOString(),
        coordinatorSiteId: identity.siteId,
        sites: req.sites.map((s) =>
          s.siteId === identity.siteId
            ? // This site's own earlier keys come from main's record of its rotations.
              { ...s, publicKey: identity.publicKey, ...(identity.rotations.length ? { previousKeys: identity.rotations.map((r) => ({ publicKey: r.oldPublicKey, replacedAt: r.createdAt, ...(r.lastSeq === undefined ? {} : { lastSeq: r.lastSeq }) })) } : {}) }
            : { ...s, publicKey: s.publicKey ?? identity.publicKey },
        ),
      };
      const bytes = signRegistry(registry, await keys.privateKey(), identity.rotations);
      const chosen = await deps.dialogs.pickSavePath({
        title: 'Lưu danh bạ đơn vị',
        defaultPath: `danh-ba-don-vi-${now.toISOString().slice(0, 10)}.${REGISTRY_EXTENSION}`,
        filters: [{ name: 'Danh bạ đơn vị Đôn Đốc', extensions: [REGISTRY_EXTENSION] }],
      });
      if (!chosen) return { canceled: true, path: null, coordinatorFingerprint: identity.fingerprint };
      const path = forcedSavePath(chosen, REGISTRY_EXTENSION);
      await atomicWrite(path, bytes);
      return { canceled: false, path, coordinatorFingerprint: identity.fingerprint };
    },

    'sync:readRegistry': async (req) => {
      const path = await deps.dialogs.pickOpenPath({
        title: 'Chọn danh bạ đơn vị',
        filters: [{ name: 'Danh bạ đơn vị Đôn Đốc', extensions: [REGISTRY_EXTENSION] }],
      });
      if (!path) return { canceled: true, fileName: null, result: null };
      const bytes = await readPicked(path, MAX_REGISTRY_FILE_BYTES, 'Tệp danh bạ quá lớn.');
      return { canceled: false, fileName: basename(path), result: verifyRegistry(bytes, req.trustedCoordinatorKey) };
    },
  };
}

/** The chosen path with the file kind's extension forced and a Windows device name refused (electron/main/fs/fileNames.ts). */
function forcedSavePath(chosen: string, ext: string): string {
  return resolve(savePathWithExtension(chosen, ext));
}

/** e.g. "dondoc-xa-a-gui-phong-tc-so-000017.dondoc": ASCII only, safe on FAT32 USB sticks. */
export function packageFileName(from: string, to: string, peerName: string | undefined, seq: number, now: Date): string {
  const peer = to === '*' ? 'tat-ca' : slug(peerName ?? '') || slug(to);
  return `dondoc-${slug(from)}-gui-${peer}-so-${String(seq).padStart(6, '0')}-${now.toISOString().slice(0, 10)}.${PACKAGE_EXTENSION}`;
}

function slug(text: string): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}
