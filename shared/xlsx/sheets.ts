/** Workbooks as main writes and reads them: the shapes the xlsx channels carry. */
import { z } from 'zod';

/**
 * A column of a sheet to write. `format`: 'text' stores every cell of the column as text and
 * formats the whole column as Text, so what a clerk types later stays as typed (templates' date
 * and phone columns); 'date' writes `YYYY-MM-DD` (or dd/mm/yyyy) values as real date cells shown
 * dd/mm/yyyy. Without it, numbers are numbers and text is text. `width` in characters; when
 * absent it is sized to the content.
 */
export const sheetColumnSchema = z.object({
  header: z.string().max(200),
  width: z.number().min(4).max(100).optional(),
  format: z.enum(['text', 'date']).optional(),
});
export type SheetColumn = z.infer<typeof sheetColumnSchema>;

export const sheetSchema = z.object({
  name: z.string().min(1).max(31),
  columns: z.array(sheetColumnSchema).max(100),
  rows: z.array(z.array(z.union([z.string().max(10_000), z.number(), z.null()])).max(100)).max(200_000),
});
export type Sheet = z.infer<typeof sheetSchema>;

/** A cell read from an .xlsx: text as stored, a number, or a date cell (its stored date and number format). */
export const importCellSchema = z.union([z.string(), z.number(), z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), format: z.string().max(255) })]);
export type ImportCell = z.infer<typeof importCellSchema>;
export type DateCell = Extract<ImportCell, { date: string }>;

export const importSheetSchema = z.object({
  name: z.string(),
  hidden: z.boolean(),
  /** rows[i] is the sheet's row i + 1, up to the last row that holds a value. */
  rows: z.array(z.array(importCellSchema)),
  /** The last row holding a value (formatted or empty rows after it are not counted). */
  lastRow: z.number().int().min(0),
  /** More rows with a value than an import takes; only the first rows are kept. */
  tooManyRows: z.boolean(),
});
export type ImportSheet = z.infer<typeof importSheetSchema>;

export const importWorkbookSchema = z.object({
  sheets: z.array(importSheetSchema),
  /** The document language the spreadsheet program recorded (LibreOffice writes one), e.g. "en-US". */
  language: z.string().nullable(),
});
export type ImportWorkbook = z.infer<typeof importWorkbookSchema>;
