import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, type Site } from '../fixtures';
import { writeWorkbook } from '../../../electron/main/xlsx/workbook';
import { OFFICIAL_COLUMNS, UNIT_COLUMNS } from '../../../shared/registries/xlsxImport';

type Cell = string | number;

/** Phòng Kinh tế and Phòng Văn hóa - Xã hội of UBND xã Hòa An, as rows of the units template (the task specs' commune). */
export const TWO_DEPARTMENTS: Cell[][] = [
  ['Phòng Kinh tế', 'PKT', 'Cơ quan chuyên môn / Phòng', 'KT', 'UBND', '01/07/2025', '', 2, ''],
  ['Phòng Văn hóa - Xã hội', 'VHXH', 'Cơ quan chuyên môn / Phòng', 'VHXH', 'UBND', '01/07/2025', '', 3, ''],
];
/** Rows of the officials template: the vice chair who assigns, and the heads of the two departments. */
export const VICE_CHAIR: Cell[] = ['CB01', 'Hoàng Văn Đức', 'UBND', 'Phó Chủ tịch UBND', '', '01/07/2025', '', '', ''];
export const PKT_HEAD: Cell[] = ['CB02', 'Lương Thị Hà', 'PKT', 'Trưởng phòng', 'x', '01/07/2025', '', '', ''];
export const VHXH_HEAD: Cell[] = ['CB03', 'Đàm Văn Sơn', 'VHXH', 'Trưởng phòng', 'x', '01/07/2025', '', '', ''];

/** Writes a workbook laid out as the units (Đơn vị) or officials (Cán bộ) template, rows in its column order; returns its path. */
export async function registryWorkbook(tmp: string, fileName: string, kind: 'units' | 'officials', rows: Cell[][]): Promise<string> {
  const path = join(tmp, fileName);
  const sheet = kind === 'units' ? { name: 'Đơn vị', columns: UNIT_COLUMNS, rows } : { name: 'Cán bộ', columns: OFFICIAL_COLUMNS, rows };
  await writeFile(path, await writeWorkbook([sheet]));
  return path;
}

/** Hands `path` to the next file dialog and presses "Nhập từ Excel" on the registry screen shown. */
export async function importFile(site: Site, path: string): Promise<void> {
  site.dialogs.openPaths.push(path);
  await site.page.getByRole('button', { name: 'Nhập từ Excel' }).click();
}

/** Units, then officials, through the screens' "Nhập từ Excel" with files the test writes (rows in the templates' column order). */
export async function importRegistry(site: Site, tmp: string, rows: { units: Cell[][]; officials: Cell[][] }): Promise<void> {
  const { page } = site;
  await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
  await importFile(site, await registryWorkbook(tmp, 'don-vi.xlsx', 'units', rows.units));
  await expect(page.getByText(`Đã nhập ${rows.units.length} đơn vị`)).toBeVisible();

  await page.getByRole('link', { name: 'Cán bộ, công chức' }).click();
  await importFile(site, await registryWorkbook(tmp, 'can-bo.xlsx', 'officials', rows.officials));
  await expect(page.getByText(`Đã nhập ${rows.officials.length} cán bộ`)).toBeVisible();
}

/** One unit through the "Thêm đơn vị" form on the units screen (the page must show that screen). */
export async function addUnitByForm(page: Page, unit: { name: string; shortName: string; symbol: string; parent: string }): Promise<void> {
  await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Tên đơn vị').fill(unit.name);
  await dialog.getByLabel('Tên viết tắt').fill(unit.shortName);
  await dialog.getByLabel('Ký hiệu văn bản').fill(unit.symbol);
  await dialog.getByRole('combobox', { name: 'Đơn vị cấp trên' }).click();
  await page.getByRole('option', { name: unit.parent }).click();
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('cell', { name: unit.name, exact: true })).toBeVisible();
}
