/**
 * The two .xlsx flows every registry screen offers: save a sheet (template or export) and
 * open a file, validate every row, and write only when the whole file is clean.
 */
import type { ImportWorkbook, Sheet } from '@shared/xlsx/sheets';
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

/** Units for a select box, in tree order, indented by depth. */
export function unitSelectOptions(units: readonly Unit[], excludeId?: string | null): { value: string; label: string }[] {
  return flattenUnitTree(buildUnitTree(units))
    .filter((r) => r.unit.id !== excludeId)
    .map((r) => ({ value: r.unit.id, label: `${'— '.repeat(r.depth)}${r.unit.name}` }));
}
