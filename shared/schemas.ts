/**
 * The zod building blocks the domain models share: record ids, required and optional texts with
 * the Vietnamese length message, and references to files in main's file store. Dates are
 * `isoDateSchema` (calendar/dates.ts).
 */
import { z } from 'zod';

/** A record id (uuid, or a fixed key such as a unit's code). */
export const idSchema = z.string().min(1).max(64);

/** Trimmed text of at least one character; `message` says what to enter. */
export const requiredText = (max: number, message: string) => z.string().trim().min(1, message).max(max, `Tối đa ${max} ký tự.`);

/** Trimmed text that may be empty. */
export const optionalText = (max: number) => z.string().trim().max(max, `Tối đa ${max} ký tự.`);

/** A file kept by main's file store; the database only holds the reference. */
export const attachmentRefSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Mã băm tệp không hợp lệ.'),
  fileName: z.string().trim().min(1).max(255),
  bytes: z.number().int().min(0).max(2 ** 40),
});
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;

/** The files attached to one record. */
export const attachmentsSchema = z.array(attachmentRefSchema).max(50, 'Tối đa 50 tệp đính kèm.');
