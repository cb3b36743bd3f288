/**
 * Backups and safety: main keeps rotating backups outside the Chromium profile, writes a copy
 * to a folder the user picks, opens a backup for restore (checksum verified before anything
 * changes), checks free disk space, and shows the accounts audit to the administrator.
 */
import { z } from 'zod';
import { channel } from '../channel';

export const backupReasonSchema = z.enum(['pre-migration', 'daily', 'manual', 'pre-restore']);
export type BackupReason = z.infer<typeof backupReasonSchema>;

export const backupReasonLabels: Record<BackupReason, string> = {
  'pre-migration': 'Trước khi nâng cấp dữ liệu',
  daily: 'Tự động hằng ngày',
  manual: 'Sao lưu thủ công',
  'pre-restore': 'Trước khi khôi phục',
};

/**
 * Who made a backup, as far as main can prove it: 'this-site' carries a valid seal of this
 * installation; 'other-site' names another office; 'unverified' names this office but its seal
 * is missing or wrong (made before seals existed, or edited after it was written).
 */
export const backupAuthenticitySchema = z.enum(['this-site', 'other-site', 'unverified']);
export type BackupAuthenticity = z.infer<typeof backupAuthenticitySchema>;

export const backupInfoSchema = z.object({
  path: z.string(),
  fileName: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  reason: backupReasonSchema,
  createdAt: z.string(),
  appVersion: z.string().default(''),
  siteId: z.string().default(''),
  schemaVersion: z.number(),
  counts: z.record(z.string(), z.number()),
  authenticity: backupAuthenticitySchema.default('unverified'),
});
export type BackupInfo = z.infer<typeof backupInfoSchema>;

/** A folder the user picked in this session; the renderer names it only by this token. */
const folderToken = z.string().regex(/^[0-9a-f]{32}$/);
/** A backup main has opened and verified; the renderer names it only by this token. */
const openToken = z.string().regex(/^[0-9a-f]{32}$/);

export const diskStatusSchema = z.object({
  dir: z.string(),
  freeBytes: z.number(),
  totalBytes: z.number(),
  level: z.enum(['ok', 'low', 'critical']),
  message: z.string().nullable(),
});
export type DiskStatus = z.infer<typeof diskStatusSchema>;

export const accountAuditEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
});
export type AccountAuditEntry = z.infer<typeof accountAuditEntrySchema>;

export const safetySettingsSchema = z.object({
  /** Minutes without mouse or keyboard activity before the session locks. */
  inactivityLockMinutes: z.number().int().min(1).max(240),
});
export type SafetySettings = z.infer<typeof safetySettingsSchema>;
export const DEFAULT_SAFETY_SETTINGS: SafetySettings = {
  inactivityLockMinutes: 15,
};

export const auditAnchorSchema = z.object({ sequence: z.number().int().min(0), hash: z.string(), at: z.string() });
export type AuditAnchor = z.infer<typeof auditAnchorSchema>;

export const backupChannels = {
  /**
   * The renderer hands main a full dump of its database; main writes it outside the profile
   * (or into a folder the user picked), then prunes automatic backups by the rotation rule.
   */
  'backup:write': channel(
    z.object({
      reason: backupReasonSchema,
      schemaVersion: z.number().int().min(0),
      counts: z.record(z.string().max(100), z.number().int().min(0)),
      json: z.string().max(1_500_000_000),
      folder: folderToken.optional(),
    }),
    backupInfoSchema,
  ),
  'backup:list': channel(z.object({}), z.array(backupInfoSchema)),
  /** When the last automatic backup ran, where backups live, and how much disk is left. */
  'backup:status': channel(
    z.object({}),
    z.object({
      dir: z.string(),
      lastDailyAt: z.string().nullable(),
      lastBackupAt: z.string().nullable(),
      count: z.number(),
      disk: diskStatusSchema,
    }),
  ),
  /** Asks the user for a destination folder (a USB stick) for "Sao lưu ngay". */
  'backup:pickFolder': channel(
    z.object({}),
    z.object({
      canceled: z.boolean(),
      token: folderToken.nullable(),
      path: z.string().nullable(),
    }),
  ),
  /**
   * Opens a backup (one from the list, or a file the user picks) and verifies its checksum;
   * returns what it contains without changing anything.
   */
  'backup:open': channel(
    z.discriminatedUnion('source', [z.object({ source: z.literal('stored'), fileName: z.string().max(200) }), z.object({ source: z.literal('pick') })]),
    z.object({
      canceled: z.boolean(),
      token: openToken.nullable(),
      info: backupInfoSchema.nullable(),
    }),
  ),
  /**
   * The verified body of an opened backup (the renderer's dump as JSON). A backup that is not
   * sealed by this installation is handed out only with `acceptUnverified`, which the restore
   * screen sends after the administrator has read the warning and confirmed.
   */
  'backup:body': channel(z.object({ token: openToken, acceptUnverified: z.boolean().default(false) }), z.object({ json: z.string() })),
  /**
   * The renderer opened its database at this schema version. Main records it, so a later
   * "pre-migration" backup for an older schema is known to be false and is refused.
   */
  'backup:databaseOpened': channel(z.object({ schemaVersion: z.number().int().min(1).max(10_000) }), z.object({})),
  /**
   * The head of the audit chain after writes: main seals and keeps the highest one. A lower
   * sequence is refused unless an administrator has just restored a backup (`afterRestore`).
   */
  'backup:anchorAudit': channel(
    z.object({ sequence: z.number().int().min(0), hash: z.string().max(128), afterRestore: z.boolean().default(false) }),
    auditAnchorSchema,
  ),
  /** The anchored head, and whether its seal still verifies (null before the first anchor). */
  'backup:auditAnchor': channel(z.object({}), z.object({ anchor: auditAnchorSchema.nullable(), sealed: z.boolean() })),
  /** Free space where backups are written; the renderer refuses big writes when it is low. */
  'backup:disk': channel(z.object({ neededBytes: z.number().int().min(0).max(1e13).default(0) }), diskStatusSchema),
  /** Reads every backup in full and checks its checksum (the integrity screen). */
  'backup:verify': channel(
    z.object({}),
    z.array(
      z.object({
        fileName: z.string(),
        ok: z.boolean(),
        message: z.string().nullable(),
      }),
    ),
  ),
  /** The accounts audit (logins, failed logins, password resets), newest first; admin only. */
  'safety:accountAudit': channel(z.object({ limit: z.number().int().min(1).max(5000).default(200) }), z.array(accountAuditEntrySchema)),
  'safety:getSettings': channel(z.object({}), safetySettingsSchema),
  'safety:setSettings': channel(safetySettingsSchema, safetySettingsSchema),
};
