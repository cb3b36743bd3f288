/**
 * File associations: a .dondoc-key, .dondoc-registry or .dondoc double-clicked while the app
 * runs reaches it through the same second-instance handoff main performs (site.openFile), and
 * the app goes to the screen for that file with the file already read: the pairing step for a
 * key card or a registry, the import preview for a package. Anything else is refused in Vietnamese.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { firstRun } from './helpers/firstRun';
import { addUnitByForm } from './helpers/registry';
import { exportPackage } from './helpers/sync';

test('double-clicked sync files open the pairing step and the import preview; other files are refused', async ({ newSite, tmp }) => {
  test.setTimeout(300_000);
  const office = await newSite();
  const commune = await newSite();
  await firstRun(office, { authorityName: 'Ủy ban nhân dân tỉnh Cao Bằng', parentName: 'Chính phủ' });
  await firstRun(commune, { authorityName: 'Ủy ban nhân dân xã Hòa An', siteRole: 'unit' });

  await office.open('units');
  await addUnitByForm(office.page, { name: 'Ủy ban nhân dân xã Hòa An', shortName: 'HOAAN', symbol: 'UBND', parent: 'Ủy ban nhân dân tỉnh Cao Bằng' });

  // The commune saves its key card; the office double-clicks it and lands on the pairing step.
  const card = join(tmp, 'khoa-xa-hoa-an.dondoc-key');
  await commune.open('sync-setup');
  commune.dialogs.savePaths.push(card);
  await commune.page.getByRole('button', { name: 'Xuất tệp khóa của máy này' }).click();
  await expect(commune.page.getByText(/^Đã lưu tệp khóa/)).toBeVisible();
  const communeFingerprint = await commune.page.getByLabel('Dấu vân tay', { exact: true }).first().textContent();

  await office.open('');
  await office.openFile(card);
  const cd = office.page.getByRole('dialog', { name: 'Tệp khóa của đơn vị' });
  await expect(cd.getByLabel('Dấu vân tay', { exact: true })).toHaveText(communeFingerprint!);
  expect(office.page.url()).toMatch(/#\/sync-setup$/);
  await cd.getByRole('combobox', { name: 'Máy này làm việc cho các đơn vị' }).click();
  await office.page.getByRole('option', { name: 'Ủy ban nhân dân xã Hòa An' }).click();
  await cd.getByText(/^Gọi điện cho cán bộ/).click();
  await cd.getByText('Tôi đã đối chiếu dấu vân tay qua điện thoại').click();
  await cd.getByRole('button', { name: 'Tin cậy máy này' }).click();
  const registryFile = join(tmp, 'danh-ba.dondoc-registry');
  office.dialogs.savePaths.push(registryFile);
  await office.page.getByRole('button', { name: 'Xuất danh bạ đơn vị' }).click();
  await expect(office.page.getByText(/Đã lưu danh bạ đơn vị \(2 máy\)/)).toBeVisible();
  const officeFingerprint = await office.page.getByLabel('Dấu vân tay', { exact: true }).first().textContent();

  // The commune double-clicks the registry: the registry step, with the coordinator's fingerprint.
  await commune.open('tasks');
  await commune.openFile(registryFile);
  const rd = commune.page.getByRole('dialog', { name: 'Danh bạ đơn vị' });
  await expect(rd.getByLabel('Dấu vân tay', { exact: true }).first()).toHaveText(officeFingerprint!);
  await rd.getByText('Tôi đã đối chiếu dấu vân tay của Văn phòng điều phối').click();
  await rd.getByRole('button', { name: 'Tin cậy danh bạ' }).click();
  await expect(commune.page.getByText(/Đã nhận danh bạ: 1 máy được tin cậy/)).toBeVisible();

  // The office exports a package; double-clicked at the commune it opens the import preview.
  const pkg = await exportPackage(office, tmp, 'goi-1.dondoc', 'Ủy ban nhân dân xã Hòa An', 1);

  await commune.open('');
  await commune.openFile(pkg);
  const preview = commune.page.getByLabel('Gói vừa mở');
  await expect(preview.getByRole('heading', { name: 'Gói goi-1.dondoc' })).toBeVisible();
  expect(commune.page.url()).toMatch(/#\/sync-import$/);
  await expect(preview.getByRole('row', { name: 'Gửi từ Ủy ban nhân dân tỉnh Cao Bằng' })).toBeVisible();
  await expect(preview.getByRole('row', { name: 'Gửi cho Máy này' })).toBeVisible();
  await expect(preview.getByRole('row', { name: 'Gói số 1' })).toBeVisible();
  const opCount = await preview.getByRole('row', { name: /^Số thay đổi/ }).getByRole('cell').textContent();
  expect(Number(opCount!.replace(/\./g, ''))).toBeGreaterThan(0);
  // Nothing is imported until the user says so.
  await expect(commune.page.getByLabel('Kết quả nhập gói')).toHaveCount(0);
  await commune.shot('openfile-01-import-preview');
  await preview.getByRole('button', { name: 'Nhập gói này' }).click();
  await expect(commune.page.getByLabel('Kết quả nhập gói').getByRole('heading', { name: 'Kết quả nhập gói số 1 của Ủy ban nhân dân tỉnh Cao Bằng' })).toBeVisible();

  // A file that is not one of ours, and a .dondoc that is not a package, are refused in Vietnamese.
  const notes = join(tmp, 'ghi-chu.txt');
  await writeFile(notes, 'không phải gói');
  await commune.openFile(notes);
  await expect(
    commune.page.getByText('Tệp ghi-chu.txt không phải tệp của Đôn Đốc. Đôn Đốc chỉ mở được gói dữ liệu (.dondoc), tệp khóa đơn vị (.dondoc-key) và danh bạ đơn vị (.dondoc-registry).'),
  ).toBeVisible();
  const fake = join(tmp, 'gia-mao.dondoc');
  await writeFile(fake, 'PK không phải gói dữ liệu');
  await commune.openFile(fake);
  await expect(commune.page.getByText('Không mở được gói gia-mao.dondoc')).toBeVisible();
  // The same check and message as a file picked in the dialog.
  await expect(commune.page.getByText('Tệp này không phải gói dữ liệu Đôn Đốc (.dondoc).')).toBeVisible();
  await expect(commune.page.getByLabel('Gói vừa mở')).toHaveCount(0);
  await commune.shot('openfile-02-refused');
});
