import { z } from 'zod';
import { channel } from '../channel';
import { importWorkbookSchema, sheetSchema } from '../../xlsx/sheets';

export const appChannels = {
  'app:info': channel(
    z.object({}),
    z.object({ version: z.string(), siteId: z.string(), dataDir: z.string(), platform: z.string(), electron: z.boolean() }),
  ),
  /** Writes workbook sheets to an .xlsx the user picks (templates and exports). */
  'xlsx:save': channel(
    z.object({ title: z.string().max(200), defaultName: z.string().max(200), sheets: z.array(sheetSchema).min(1).max(20) }),
    z.object({ canceled: z.boolean(), path: z.string().nullable() }),
  ),
  /** Lets the user pick an .xlsx and returns its cells (text, numbers, date cells) for the import parsers. */
  'xlsx:open': channel(
    z.object({ title: z.string().max(200) }),
    z.object({
      canceled: z.boolean(),
      fileName: z.string().nullable(),
      workbook: importWorkbookSchema.nullable(),
    }),
  ),
};
