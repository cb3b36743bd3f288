/** Saving a report's letter (.docx) and workbook (.xlsx) through main; file names without diacritics. */
import type { Letter } from '@shared/letters/model';
import { reportSheets, type ReportData } from '@shared/reports';
import { foldVietnamese } from '@shared/text/search';
import { api } from '../../api';
import { saveLetterDocx } from '../letters/saveDocx';

export function fileBase(data: ReportData): string {
  return `Bao cao ${foldVietnamese(data.periodLabel)} chot ${data.params.period.cutOff}`.replace(/[^\p{L}\p{N} _-]/gu, '').slice(0, 120);
}

export async function saveReportDocx(letter: Letter, name: string): Promise<string | null> {
  const r = await saveLetterDocx(letter, name);
  return r.canceled ? null : r.path;
}

export async function saveReportXlsx(data: ReportData): Promise<string | null> {
  const r = await api().call('xlsx:save', { title: 'Lưu báo cáo (Excel)', defaultName: `${fileBase(data)}.xlsx`, sheets: reportSheets(data) });
  return r.canceled ? null : r.path;
}
