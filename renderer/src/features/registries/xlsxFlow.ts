/**
 * The two .xlsx flows every registry screen offers: save a sheet (template or export) and
 * open a file, validate every row, and write only when the whole file is clean.
 */
import { useState } from 'react';
import type { ImportWorkbook, Sheet, SheetColumn } from '@shared/xlsx/sheets';
import type { RowError } from '@shared/registries/xlsxImport';
import { buildUnitTree, flattenUnitTree, type Unit } from '@shared/registries/units';
import { api } from '../../api';
import { notifyError, notifySuccess } from '../../ui/notify';

export async function saveSheet(title: string, defaultName: string, sheet: Sheet, done: (path: string) => string): Promise<void> {
  try {
    const r = await api().call('xlsx:save', { title, defaultName, sheets: [sheet] });
    if (!r.canceled && r.path) notifySuccess(done(r.path));
  } catch (e) {
    notifyError(e);
  }
}

/** What an import shows in its errors modal: refused rows, or (imported) what was read differently from the cells. */
export interface ImportReport {
  errors: RowError[];
  fileName: string;
  imported: boolean;
}

export async function importSheet<T>(
  title: string,
  parse: (workbook: ImportWorkbook) => { errors: RowError[]; warnings: RowError[]; value: T },
  onReport: (report: ImportReport) => void,
  write: (value: T, fileName: string) => Promise<string>,
): Promise<void> {
  try {
    const r = await api().call('xlsx:open', { title });
    if (r.canceled || !r.fileName || !r.workbook) return;
    const parsed = parse(r.workbook);
    if (parsed.errors.length) {
      onReport({ errors: parsed.errors, fileName: r.fileName, imported: false });
      return;
    }
    notifySuccess(await write(parsed.value, r.fileName));
    if (parsed.warnings.length) onReport({ errors: parsed.warnings, fileName: r.fileName, imported: true });
  } catch (e) {
    notifyError(e, 'Không nhập được tệp');
  }
}

type Row = Sheet['rows'][number];

/** One registry's sheet, as its screen's template, export and import use it. */
export interface RegistrySheetSpec<T> {
  /** The records' noun as titles and messages say it: "đơn vị", "cán bộ". */
  noun: string;
  sheetName: string;
  /** The export's file name without ".xlsx"; the template's is "mau-" before it. */
  fileStem: string;
  columns: SheetColumn[];
  templateRows(): Row[];
  /** The export: its rows, and how many records they hold (an official with two posts is two rows). */
  exportRows(): { rows: Row[]; count: number };
  parse(workbook: ImportWorkbook): { errors: RowError[]; warnings: RowError[]; value: T };
  /** Writes an import's records; resolves to how many were written. */
  write(value: T): Promise<number>;
}

/** A registry screen's three Excel flows, and the import's report for ImportErrorsModal. */
export function useRegistrySheets<T>(spec: RegistrySheetSpec<T>) {
  const [report, setReport] = useState<ImportReport | null>(null);
  const sheet = (rows: Row[]): Sheet => ({ name: spec.sheetName, columns: spec.columns, rows });
  return {
    report,
    closeReport: () => setReport(null),
    downloadTemplate: () => saveSheet(`Lưu tệp mẫu danh mục ${spec.noun}`, `mau-${spec.fileStem}.xlsx`, sheet(spec.templateRows()), (path) => `Đã lưu tệp mẫu: ${path}`),
    exportAll: () => {
      const { rows, count } = spec.exportRows();
      return saveSheet(`Xuất danh mục ${spec.noun}`, `${spec.fileStem}.xlsx`, sheet(rows), (path) => `Đã xuất ${count} ${spec.noun}: ${path}`);
    },
    importFile: () => importSheet(`Chọn tệp Excel danh mục ${spec.noun}`, spec.parse, setReport, async (value, fileName) => `Đã nhập ${await spec.write(value)} ${spec.noun} từ ${fileName}.`),
  };
}

/** Units for a select box, in tree order, indented by depth. */
export function unitSelectOptions(units: readonly Unit[], excludeId?: string | null): { value: string; label: string }[] {
  return flattenUnitTree(buildUnitTree(units))
    .filter((r) => r.unit.id !== excludeId)
    .map((r) => ({ value: r.unit.id, label: `${'— '.repeat(r.depth)}${r.unit.name}` }));
}
