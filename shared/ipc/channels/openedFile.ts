import { z } from 'zod';
import { channel } from '../channel';

/** The kinds of file Windows hands to the app by double-click (file associations). */
export const openedFileKindSchema = z.enum(['package', 'identityCard', 'registry']);
export type OpenedFileKind = z.infer<typeof openedFileKindSchema>;

export const openedFileNoticeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ready'), kind: openedFileKindSchema, fileName: z.string() }),
  z.object({ status: z.literal('refused'), fileName: z.string(), message: z.string() }),
]);
export type OpenedFileNotice = z.infer<typeof openedFileNoticeSchema>;

export const openedFileChannels = {
  /**
   * The file the app was opened with (first launch or a later double-click), handed out once.
   * A 'ready' file then answers the next open dialog of its kind, so the screen reads it with
   * the same handler as a file the user picks.
   */
  'app:takeOpenedFile': channel(z.object({}), openedFileNoticeSchema.nullable()),
};
