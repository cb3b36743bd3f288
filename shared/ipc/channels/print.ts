import { z } from 'zod';
import { channel } from '../channel';
import { letterMarginsSchema } from '../../letters/layout';
import { letterSchema } from '../../letters/model';

/**
 * Printing and PDF export of letters. The renderer sends the letter as data, not HTML: main renders
 * it with the shared HTML renderer, so nothing the renderer sends is ever loaded as markup.
 */
export const printChannels = {
  /** Opens the system print dialog for the letter. */
  'print:letterHtml': channel(z.object({ letter: letterSchema, margins: letterMarginsSchema.optional() }), z.object({})),
  /** Renders the letter to PDF (A4, the Decree's margins) at a path the user picks. */
  'print:letterPdf': channel(
    z.object({ letter: letterSchema, margins: letterMarginsSchema.optional(), suggestedName: z.string().trim().min(1, 'Nhập tên tệp').max(180) }),
    z.object({ canceled: z.boolean(), path: z.string().nullable() }),
  ),
};
