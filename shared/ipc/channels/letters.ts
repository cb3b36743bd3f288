import { z } from 'zod';
import { channel } from '../channel';
import { letterSchema } from '../../letters/model';
import { letterMarginsSchema } from '../../letters/layout';

/** A file name without folders; main sanitises it further and adds ".docx". */
const fileNameSchema = z.string().trim().min(1, 'Nhập tên tệp').max(180);
const folderSchema = z.string().max(1000);

export const letterChannels = {
  /** Renders one letter to .docx at a path the user picks (save dialog). */
  'letters:saveDocx': channel(
    z.object({ letter: letterSchema, suggestedName: fileNameSchema, defaultFolder: folderSchema.optional(), margins: letterMarginsSchema.optional() }),
    z.object({ canceled: z.boolean(), path: z.string().nullable() }),
  ),
  /** Renders several letters into one folder the user picks; existing files are never overwritten. */
  'letters:saveDocxBatch': channel(
    z.object({
      items: z.array(z.object({ letter: letterSchema, fileName: fileNameSchema })).min(1).max(500),
      defaultFolder: folderSchema.optional(),
      margins: letterMarginsSchema.optional(),
    }),
    z.object({ canceled: z.boolean(), folder: z.string().nullable(), paths: z.array(z.string()) }),
  ),
  /** Opens a letter this session saved, with the system's default application. */
  'letters:open': channel(z.object({ path: z.string().min(1).max(4000) }), z.object({})),
};
