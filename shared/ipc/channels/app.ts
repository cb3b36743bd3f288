import { z } from 'zod';
import { channel } from '../channel';

export const sheetSchema = z.object({
  name: z.string().min(1).max(31),
  columns: z.array(z.object({ header: z.string().max(200), width: z.number().min(4).max(100).optional() })).max(100),
  rows: z.array(z.array(z.union([z.string().max(10_000), z.number(), z.null()])).max(100)).max(200_000),
});
export type Sheet = z.infer<typeof sheetSchema>;

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
  /** Lets the user pick an .xlsx and returns its cells as plain text. */
  'xlsx:open': channel(
    z.object({ title: z.string().max(200) }),
    z.object({
      canceled: z.boolean(),
      fileName: z.string().nullable(),
      sheets: z.array(z.object({ name: z.string(), rows: z.array(z.array(z.string())) })),
    }),
  ),
};
