/**
 * Exchange folders (automatic sync through a folder a carrier such as Syncthing moves between
 * machines). Main owns the folders, the files and the optional Syncthing API key; the renderer
 * decides what to send, which keys it trusts and applies what arrives, through the same
 * export and import code as the hand-carried packages.
 */
import { z } from 'zod';
import { channel } from '../channel';
import { syncChannels, packageDataSchema } from './sync';
import { publicKeySchema, sha256HexSchema, siteIdSchema } from '../../sync/package';
import { carrierStateSchema, peerFoldersSchema, syncthingAddressSchema, syncthingApiKeySchema } from '../../sync/exchange';

const trustedKeysSchema = z.record(siteIdSchema, publicKeySchema).refine((keys) => Object.keys(keys).length <= 5000, 'quá nhiều khóa');

export const exchangeConfigSchema = z.object({
  peers: z.array(z.object({ siteId: z.string(), outbox: z.string(), inbox: z.string() })),
  syncthing: z.object({ address: z.string(), hasApiKey: z.boolean() }).nullable(),
});
export type ExchangeConfigMsg = z.infer<typeof exchangeConfigSchema>;

const packageEntrySchema = z.object({
  name: z.string(),
  kind: z.literal('package'),
  size: z.number().int(),
  packageHash: sha256HexSchema,
  from: z.string(),
  to: z.string(),
  seq: z.number().int(),
  opCount: z.number().int(),
});

export const exchangeChannels = {
  /** The exchange folders per peer and whether a Syncthing API is configured (the key itself is never returned). */
  'exchange:config': channel(z.object({}), exchangeConfigSchema),
  /** Administrator: sets (or with null removes) a peer's outbox and inbox; main checks both folders. */
  'exchange:setPeerFolders': channel(z.object({ siteId: siteIdSchema, folders: peerFoldersSchema.nullable() }), exchangeConfigSchema),
  /** Administrator: a folder chosen in the system dialog (null when cancelled). */
  'exchange:pickFolder': channel(z.object({ title: z.string().max(200) }), z.object({ path: z.string().nullable() })),
  /** Administrator: the local Syncthing REST API; apiKey undefined keeps the stored key, null removes the configuration. */
  'exchange:setSyncthing': channel(
    z.object({
      address: syncthingAddressSchema.nullable(),
      apiKey: syncthingApiKeySchema.optional(),
    }),
    exchangeConfigSchema,
  ),
  /**
   * Packs the ops for a peer into its outbox (temporary name, fsync, rename). `written` false:
   * nothing new since the last package, which is still waiting in the outbox.
   */
  'exchange:export': channel(syncChannels['sync:exportPackage'].req, syncChannels['sync:exportPackage'].res.extend({ written: z.boolean() })),
  /**
   * Scans every inbox: files being written are left, files that never complete and refused
   * files are moved aside into bad/ with their reason. Returns the verified packages present.
   */
  'exchange:scan': channel(
    z.object({ trustedKeys: trustedKeysSchema }),
    z.object({
      peers: z.array(z.object({ siteId: z.string(), packages: z.array(packageEntrySchema) })),
    }),
  ),
  /** Reads and verifies one inbox package for import; 'changed': the file is no longer the one scanned. */
  'exchange:read': channel(
    z.object({
      siteId: siteIdSchema,
      name: z.string().min(1).max(255),
      packageHash: sha256HexSchema,
      trustedKeys: trustedKeysSchema,
      previousKeys: syncChannels['sync:readPackage'].req.shape.previousKeys,
    }),
    z.object({
      status: z.enum(['ok', 'changed', 'bad']),
      reason: z.string().nullable(),
      package: packageDataSchema.nullable(),
    }),
  ),
  /** Deletes from a peer's outbox this site's packages whose content the peer acknowledges (never the newest). */
  'exchange:clean': channel(
    z.object({
      siteId: siteIdSchema,
      acknowledged: z.array(sha256HexSchema).max(100_000),
      /** Verified packages in the inbox the renderer has not imported (for the status screen). */
      pendingPackages: z.number().int().min(0),
      /** What went wrong on the renderer's side this cycle (an import refused), for the status screen. */
      lastError: z.string().max(2000).nullable().optional(),
    }),
    z.object({ removed: z.array(z.string()) }),
  ),
  /** Per peer: folders reachable, last scan, files waiting, last error, refused files, Syncthing's view. */
  'exchange:status': channel(
    z.object({}),
    z.object({
      carriers: z.array(carrierStateSchema),
      syncthingError: z.string().nullable(),
    }),
  ),
  /**
   * Long poll: returns once an inbox changed after `after` (fs.watch) or after `timeoutMs`
   * (the periodic scan). `counter` is passed back as the next `after`.
   */
  'exchange:wait': channel(
    z.object({
      after: z.number().int().min(0),
      timeoutMs: z.number().int().min(0).max(600_000),
    }),
    z.object({ counter: z.number().int(), changed: z.boolean() }),
  ),
};
export type ExchangeChannel = keyof typeof exchangeChannels;

/**
 * Who may call each channel (for the session guard): folder and API configuration is an
 * administrator's; the automatic exchange runs under any signed-in session.
 */
export const exchangeChannelRoles: Record<ExchangeChannel, 'admin' | 'session'> = {
  'exchange:config': 'session',
  'exchange:setPeerFolders': 'admin',
  'exchange:pickFolder': 'admin',
  'exchange:setSyncthing': 'admin',
  'exchange:export': 'session',
  'exchange:scan': 'session',
  'exchange:read': 'session',
  'exchange:clean': 'session',
  'exchange:status': 'session',
  'exchange:wait': 'session',
};
