import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, type Site } from '../fixtures';
import { writeWorkbook } from '../../../electron/main/xlsx/workbook';
import { OFFICIAL_COLUMNS, UNIT_COLUMNS } from '../../../shared/registries/xlsxImport';

type Cell = string | number;

/** Units, then officials, through the screens' "Nhập từ Excel" with files the test writes (rows in the templates' column order). */
export async function importRegistry(site: Site, tmp: string, rows: { units: Cell[][]; officials: Cell[][] }): Promise<void> {
  const { page } = site;
  await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
  const unitsFile = join(tmp, 'don-vi.xlsx');
  await writeFile(unitsFile, await writeWorkbook([{ name: 'Đơn vị', columns: UNIT_COLUMNS, rows: rows.units }]));
  site.dialogs.openPaths.push(unitsFile);
  await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
  await expect(page.getByText(`Đã nhập ${rows.units.length} đơn vị`)).toBeVisible();

  await page.getByRole('link', { name: 'Cán bộ, công chức' }).click();
  const officialsFile = join(tmp, 'can-bo.xlsx');
  await writeFile(officialsFile, await writeWorkbook([{ name: 'Cán bộ', columns: OFFICIAL_COLUMNS, rows: rows.officials }]));
  site.dialogs.openPaths.push(officialsFile);
  await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
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
