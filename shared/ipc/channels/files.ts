/**
 * Attached files (scans, PDFs of directives and reports): main copies a picked file into its
 * content-addressed store outside the Chromium profile and opens stored files with the
 * system viewer. The database keeps only the reference {sha256, fileName, bytes}.
 */
import { z } from 'zod';
import { channel } from '../channel';

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'Mã băm tệp không hợp lệ.');

export const storedFileSchema = z.object({ sha256: sha256Schema, fileName: z.string().min(1).max(255), bytes: z.number().int().min(0) });
export type StoredFile = z.infer<typeof storedFileSchema>;

/** Largest file accepted as an attachment (a long scanned dossier fits; a video does not). */
export const MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024;

export const fileChannels = {
  /** Lets the user pick a file; stores it under dataDir/files/<sha256>. `file` is null when cancelled. */
  'files:attach': channel(z.object({ title: z.string().max(200) }), z.object({ canceled: z.boolean(), file: storedFileSchema.nullable() })),
  /**
   * Opens a stored file with the system's default viewer; only files in the store can be opened.
   * A file of a type that runs code (.exe, .bat, .js, .lnk, …) is never opened: it is shown
   * selected in its folder instead (`shownInFolder`).
   */
  'files:open': channel(z.object({ sha256: sha256Schema, fileName: z.string().min(1).max(255) }), z.object({ shownInFolder: z.boolean().default(false) })),
};
