import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
