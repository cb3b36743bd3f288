/**
 * Exchange-folder handlers: per peer an outbox this site writes packages into and an inbox it
 * reads the peer's packages from. Packing goes through the same exporter as the export dialog
 * (one seq stream), verification through pack.ts's verifyPackage, and the renderer imports
 * through its ordinary import path. Decisions (order, duplicates, give-up, cleaning) are in
 * shared/sync/exchange.ts.
 */
import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { ExchangeConfigMsg } from '../../../shared/ipc/channels/exchange';
import {
  isPackageName,
  outboxToClean,
  peerFoldersSchema,
  settleIncomplete,
  shouldWriteExport,
  syncthingAddressSchema,
  type CarrierState,
  type InboxEntry,
  type PeerFolders,
  type SettlePolicy,
  type SettleState,
} from '../../../shared/sync/exchange';
import { defaultPackageLimits, type PackageLimits } from '../../../shared/sync/package';
import type { MainDeps } from '../deps';
import type { Handlers } from '../ipc/types';
import type { AccountStore } from '../auth/accounts';
import { atomicWrite, readJsonFile } from '../sync/files';
import type { KeyStore } from '../sync/keys';
import { verifyPackage } from '../sync/pack';
import { authorKeysFor } from '../sync/authorship';
import { checkFolder, exists, inspectInboxFile, listBad, moveAside, outboxEntries, packageNames, sha256Hex, writePackageFile } from '../sync/exchange';
import { syncthingFolderStates } from '../sync/syncthing';
import type { PackageExporter } from './sync';

export const EXCHANGE_FILE = join('sync', 'exchange.json');

const stateSchema = z.object({
  version: z.literal(1),
  peers: z.record(z.string(), peerFoldersSchema),
  syncthing: z
    .object({
      address: syncthingAddressSchema,
      /** base64; sealed by SecretBox when osEncrypted. */
      apiKey: z.string().nullable(),
      osEncrypted: z.boolean(),
    })
    .nullable(),
  /** Per peer: what the last package written carried, to skip writing the same again. */
  lastWritten: z.record(
    z.string(),
    z.object({
      digest: z.string(),
      name: z.string(),
      packageHash: z.string(),
      at: z.string(),
    }),
  ),
});
type State = z.infer<typeof stateSchema>;

export type ExchangeHandlers = Handlers<
  | 'exchange:config'
  | 'exchange:setPeerFolders'
  | 'exchange:pickFolder'
  | 'exchange:setSyncthing'
  | 'exchange:export'
  | 'exchange:scan'
  | 'exchange:read'
  | 'exchange:clean'
  | 'exchange:status'
  | 'exchange:wait'
>;

export interface ExchangeOptions {
  siteId: () => string | Promise<string>;
  keys: KeyStore;
  exporter: PackageExporter;
  accounts?: Pick<AccountStore, 'requireSession'>;
  limits?: Partial<PackageLimits>;
  settle?: SettlePolicy;
  fetchImpl?: typeof fetch;
}

interface Runtime {
  lastScanAt: string | null;
  /** Files not (yet) packages: being copied, or from a key not trusted yet. */
  notReady: number;
  /** Verified packages the renderer has not imported yet (it says so after each cycle). */
  pending: number;
  lastError: string | null;
}

export function createExchangeHandlers(deps: MainDeps, options: ExchangeOptions): ExchangeHandlers {
  const statePath = join(deps.dataDir, EXCHANGE_FILE);
  const limits: PackageLimits = { ...defaultPackageLimits, ...options.limits };
  const verified = new Map<string, Extract<InboxEntry, { kind: 'package' }>>();
  const runtime = new Map<string, Runtime>();
  let settle: Record<string, SettleState> = {};
  const requireAdmin = () => options.accounts?.requireSession(['admin']);

  const readState = async (): Promise<State> =>
    (await readJsonFile(statePath, stateSchema)) ?? {
      version: 1,
      peers: {},
      syncthing: null,
      lastWritten: {},
    };
  const writeState = (s: State) => atomicWrite(statePath, JSON.stringify(s, null, 2), 0o600);
  const configOf = (s: State): ExchangeConfigMsg => ({
    peers: Object.entries(s.peers)
      .map(([siteId, f]) => ({ siteId, ...f }))
      .sort((a, b) => a.siteId.localeCompare(b.siteId)),
    syncthing: s.syncthing ? { address: s.syncthing.address, hasApiKey: s.syncthing.apiKey !== null } : null,
  });
  const rt = (siteId: string): Runtime => {
    let r = runtime.get(siteId);
    if (!r) runtime.set(siteId, (r = { lastScanAt: null, notReady: 0, pending: 0, lastError: null }));
    return r;
  };
  const peerFolders = async (siteId: string): Promise<PeerFolders> => {
    const folders = (await readState()).peers[siteId];
    if (!folders) throw new AppError('not-found', 'Máy này chưa có thư mục trao đổi.');
    return folders;
  };

  // ── Watching the inboxes: fs.watch wakes the renderer's long poll; its timeout is the periodic scan.
  let counter = 0;
  const waiters = new Set<() => void>();
  const watchers = new Map<string, FSWatcher>();
  const bump = () => {
    counter++;
    for (const w of [...waiters]) w();
  };
  const rewatch = (s: State) => {
    const wanted = new Set(Object.values(s.peers).map((f) => resolve(f.inbox)));
    for (const [dir, w] of watchers) {
      if (!wanted.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (watchers.has(dir)) continue;
      try {
        const w = watch(dir, { persistent: false }, bump);
        w.on('error', () => {
          w.close();
          watchers.delete(dir);
        });
        watchers.set(dir, w);
      } catch {
        // Folder not reachable now (USB stick out): the periodic scan still runs.
      }
    }
  };
  let watching = false;
  const ensureWatching = async () => {
    if (watching) return;
    watching = true;
    rewatch(await readState());
  };

  async function validateFolders(siteId: string, folders: PeerFolders, s: State): Promise<PeerFolders> {
    const outbox = folders.outbox.trim();
    const inbox = folders.inbox.trim();
    if (!isAbsolute(outbox) || !isAbsolute(inbox)) throw new AppError('invalid-input', 'Đường dẫn thư mục phải là đường dẫn đầy đủ (ví dụ D:\\DonDoc\\gui-xa-a).');
    const a = resolve(outbox);
    const b = resolve(inbox);
    const inside = (x: string, y: string) => {
      const r = relative(y, x);
      return r === '' || (!r.startsWith('..') && !isAbsolute(r));
    };
    if (inside(a, b) || inside(b, a)) throw new AppError('invalid-input', 'Thư mục gửi và thư mục nhận phải là hai thư mục riêng, không lồng nhau.');
    const dataDir = resolve(deps.dataDir);
    if (inside(a, dataDir) || inside(b, dataDir) || inside(dataDir, a) || inside(dataDir, b)) {
      throw new AppError('invalid-input', 'Không dùng thư mục dữ liệu của ứng dụng làm thư mục trao đổi.');
    }
    for (const [other, f] of Object.entries(s.peers)) {
      if (other === siteId) continue;
      for (const p of [f.outbox, f.inbox]) {
        if (inside(a, resolve(p)) || inside(b, resolve(p)) || inside(resolve(p), a) || inside(resolve(p), b)) {
          throw new AppError('invalid-input', `Thư mục này đã dùng để trao đổi với máy khác (${other}); mỗi máy cần thư mục riêng.`);
        }
      }
    }
    await checkFolder(a, 'Thư mục gửi');
    await checkFolder(b, 'Thư mục nhận');
    return { outbox: a, inbox: b };
  }

  async function carrierOf(siteId: string, f: PeerFolders, mySiteId: string): Promise<CarrierState> {
    const r = rt(siteId);
    const [outOk, inOk] = await Promise.all([
      checkFolder(f.outbox, '').then(
        () => true,
        () => false,
      ),
      checkFolder(f.inbox, '').then(
        () => true,
        () => false,
      ),
    ]);
    const s = await readState();
    return {
      siteId,
      outbox: f.outbox,
      inbox: f.inbox,
      reachable: outOk && inOk,
      lastScanAt: r.lastScanAt,
      lastWriteAt: s.lastWritten[siteId]?.at ?? null,
      waiting: r.notReady + r.pending,
      outboxFiles: outOk ? (await outboxEntries(f.outbox, mySiteId)).length : 0,
      lastError: !outOk || !inOk ? `Không truy cập được ${!outOk ? 'thư mục gửi' : 'thư mục nhận'} (${!outOk ? f.outbox : f.inbox}).` : r.lastError,
      bad: inOk ? await listBad(f.inbox) : [],
      syncthing: null,
    };
  }

  return {
    'exchange:config': async () => configOf(await readState()),

    'exchange:setPeerFolders': async (req) => {
      requireAdmin();
      const s = await readState();
      const peers = { ...s.peers };
      if (req.folders === null) delete peers[req.siteId];
      else peers[req.siteId] = await validateFolders(req.siteId, req.folders, s);
      const next = { ...s, peers };
      await writeState(next);
      if (watching) rewatch(next);
      bump();
      return configOf(next);
    },

    'exchange:pickFolder': async (req) => {
      requireAdmin();
      return { path: await deps.dialogs.pickFolder({ title: req.title }) };
    },

    'exchange:setSyncthing': async (req) => {
      requireAdmin();
      const s = await readState();
      let syncthing: State['syncthing'] = null;
      if (req.address !== null) {
        const parsed = syncthingAddressSchema.safeParse(req.address);
        if (!parsed.success) throw new AppError('invalid-input', parsed.error.issues[0]?.message ?? 'Địa chỉ Syncthing không hợp lệ.');
        const address = new URL(parsed.data).origin;
        if (req.apiKey !== undefined) {
          const osEncrypted = deps.secretBox.available();
          const plain = Buffer.from(req.apiKey, 'utf8');
          syncthing = {
            address,
            apiKey: (osEncrypted ? deps.secretBox.encrypt(plain) : plain).toString('base64'),
            osEncrypted,
          };
        } else {
          syncthing = s.syncthing ? { ...s.syncthing, address } : { address, apiKey: null, osEncrypted: false };
        }
      }
      const next = { ...s, syncthing };
      await writeState(next);
      return configOf(next);
    },

    'exchange:export': async (req) => {
      const folders = await peerFolders(req.to);
      const r = rt(req.to);
      // What this package would carry: the same ops and acknowledgement as the last one still waiting → nothing to write.
      const digest = createHash('sha256')
        .update(JSON.stringify([req.schemaVersion, req.versionVector, req.ops.map((o) => [o.id, o.hlc])]))
        .digest('hex');
      const last = (await readState()).lastWritten[req.to];
      const present = last ? await exists(join(folders.outbox, last.name)) : false;
      if (!shouldWriteExport(digest, last ? { digest: last.digest, present } : null)) {
        return {
          written: false,
          canceled: true,
          path: null,
          seq: null,
          packageHash: null,
          prevPackageHash: null,
          opCount: req.ops.length,
          bytes: 0,
        };
      }
      try {
        await checkFolder(folders.outbox, 'Thư mục gửi');
        const res = await options.exporter.exportTo(req, async ({ bytes, defaultName }) => writePackageFile(folders.outbox, defaultName, bytes));
        if (!res || !res.path || !res.packageHash) throw new AppError('internal', 'Không tạo được gói.');
        const s = await readState();
        const name = res.path.split(/[\\/]/).pop() ?? '';
        await writeState({
          ...s,
          lastWritten: {
            ...s.lastWritten,
            [req.to]: {
              digest,
              name,
              packageHash: res.packageHash,
              at: deps.now().toISOString(),
            },
          },
        });
        r.lastError = null;
        return { ...res, written: true };
      } catch (error) {
        r.lastError = error instanceof Error ? error.message : String(error);
        throw error;
      }
    },

    'exchange:scan': async (req) => {
      await ensureWatching();
      const s = await readState();
      const mySiteId = await options.siteId();
      const now = deps.now();
      const peers: {
        siteId: string;
        packages: Extract<InboxEntry, { kind: 'package' }>[];
      }[] = [];
      for (const [siteId, f] of Object.entries(s.peers)) {
        const r = rt(siteId);
        try {
          const entries: InboxEntry[] = [];
          for (const name of await packageNames(f.inbox)) {
            try {
              entries.push(
                await inspectInboxFile(f.inbox, name, {
                  trustedKeys: req.trustedKeys,
                  mySiteId,
                  limits,
                  verified,
                }),
              );
            } catch (error) {
              // Vanished between listing and reading (the carrier replaced it): next scan.
              if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
            }
          }
          const settled = settleIncomplete(settle[siteId] ?? {}, entries, now.getTime(), options.settle);
          settle = { ...settle, [siteId]: settled.next };
          const refused = [...entries.filter((e) => e.kind === 'bad'), ...settled.giveUp];
          for (const bad of refused) await moveAside(f.inbox, bad.name, bad.reason, now);
          const packages = entries.filter((e): e is Extract<InboxEntry, { kind: 'package' }> => e.kind === 'package');
          r.notReady = entries.filter((e) => e.kind === 'incomplete' || e.kind === 'untrusted').length - settled.giveUp.length;
          r.lastScanAt = now.toISOString();
          // Refused files are listed from bad/ with their reasons; lastError is for what went wrong here.
          r.lastError = null;
          peers.push({ siteId, packages });
        } catch (error) {
          r.lastError = error instanceof Error ? `Không đọc được thư mục nhận: ${error.message}` : String(error);
        }
      }
      return { peers };
    },

    'exchange:read': async (req) => {
      const f = await peerFolders(req.siteId);
      if (!isPackageName(req.name)) throw new AppError('invalid-input', 'Tên tệp không hợp lệ.');
      const path = join(f.inbox, req.name);
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch {
        return {
          status: 'changed' as const,
          reason: 'Tệp không còn trong thư mục nhận.',
          package: null,
        };
      }
      if (bytes.length > limits.maxFileBytes || sha256Hex(bytes) !== req.packageHash)
        return {
          status: 'changed' as const,
          reason: 'Tệp đã thay đổi kể từ lần quét.',
          package: null,
        };
      try {
        // As sync:readPackage: this site's own keys come from main, so an op claiming it is proven only by them.
        const identity = await options.keys.identity();
        const pkg = verifyPackage(bytes, {
          trustedKeys: req.trustedKeys,
          mySiteId: identity.siteId,
          limits,
          authorKeys: authorKeysFor(identity, req.trustedKeys, req.previousKeys),
        });
        const { manifest, ops, packageHash, signerPublicKey, newSignerKey, authorship } = pkg;
        return {
          status: 'ok' as const,
          reason: null,
          package: {
            manifest,
            ops,
            packageHash,
            signerPublicKey,
            newSignerKey,
            authorship,
          },
        };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        await moveAside(f.inbox, req.name, error.message, deps.now());
        return { status: 'bad' as const, reason: error.message, package: null };
      }
    },

    'exchange:clean': async (req) => {
      const f = await peerFolders(req.siteId);
      const entries = await outboxEntries(f.outbox, await options.siteId());
      const removed: string[] = [];
      for (const e of outboxToClean(entries, new Set(req.acknowledged))) {
        await rm(join(f.outbox, e.name), { force: true });
        removed.push(e.name);
      }
      const r = rt(req.siteId);
      r.pending = req.pendingPackages;
      if (req.lastError) r.lastError = req.lastError;
      return { removed };
    },

    'exchange:status': async () => {
      const s = await readState();
      const mySiteId = await options.siteId();
      const carriers: CarrierState[] = [];
      for (const [siteId, f] of Object.entries(s.peers)) carriers.push(await carrierOf(siteId, f, mySiteId));
      let syncthingError: string | null = null;
      if (s.syncthing?.apiKey) {
        const sealed = Buffer.from(s.syncthing.apiKey, 'base64');
        const apiKey = (s.syncthing.osEncrypted ? deps.secretBox.decrypt(sealed) : sealed).toString('utf8');
        try {
          for (const c of carriers) {
            c.syncthing = await syncthingFolderStates(
              { address: s.syncthing.address, apiKey },
              [
                { path: c.outbox, role: 'outbox' },
                { path: c.inbox, role: 'inbox' },
              ],
              options.fetchImpl,
            );
          }
        } catch (error) {
          syncthingError = error instanceof Error ? error.message : String(error);
        }
      }
      return { carriers, syncthingError };
    },

    'exchange:wait': async (req) => {
      await ensureWatching();
      if (counter > req.after) return { counter, changed: true };
      return new Promise((done) => {
        const finish = (changed: boolean) => {
          clearTimeout(timer);
          waiters.delete(wake);
          done({ counter, changed });
        };
        const wake = () => finish(true);
        const timer = setTimeout(() => finish(false), req.timeoutMs);
        timer.unref?.();
        waiters.add(wake);
      });
    },
  };
}
