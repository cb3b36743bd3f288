import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { firstRun } from './helpers/firstRun';
import { documentText } from './helpers/docx';
import { readWorkbook } from '../../electron/main/xlsx/workbook';

const ROOT = resolve(import.meta.dirname, '../..');

function preview(page: Page) {
  return page.frameLocator('iframe[title="Xem trước văn bản"]');
}

async function issueCurrent(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Phát hành', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Phát hành văn bản' });
  await expect(dialog).toContainText('không sửa được nữa');
  await dialog.getByRole('button', { name: 'Phát hành và cấp số' }).click();
  await expect(page.getByRole('heading', { name: 'Văn bản đã phát hành' })).toBeVisible();
}

test('letterhead settings → draft, preview, issue 01 and 02 → .docx → cancel 01 → register and .xlsx', async ({ site, tmp }) => {
  // One long journey through four screens; give it room on a loaded machine.
  test.setTimeout(300_000);
  const { page } = site;
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
  await firstRun(site);
  const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date());

  // Letterhead settings: derived from the wizard, completed with signers and defaults.
  await page.getByRole('link', { name: 'Thể thức văn bản' }).click();
  await expect(page.getByRole('heading', { name: 'Thể thức văn bản' })).toBeVisible();
  await expect(page.getByLabel('Cơ quan ban hành', { exact: true })).toHaveValue('ỦY BAN NHÂN DÂN\nXÃ HÒA AN');
  await expect(page.getByLabel('Cơ quan chủ quản')).toHaveValue('ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG');
  await page.getByRole('button', { name: 'Thêm người ký' }).click();
  await page.getByLabel('Họ và tên người ký 1').fill('Nông Văn Bình');
  await page.getByLabel('Chức vụ người ký 1').fill('Chủ tịch');
  await page.getByRole('button', { name: 'Thêm người ký' }).click();
  await page.getByLabel('Họ và tên người ký 2').fill('Hoàng Thị Mai');
  await page.getByLabel('Chức vụ người ký 2').fill('Phó Chủ tịch');
  await page.getByLabel('Ký thay người ký 2').fill('Chủ tịch');
  await page.getByLabel('Ký hiệu người soạn thảo').fill('lt');
  await page.getByLabel('Nơi nhận mặc định').fill('TT. Đảng ủy xã\nTT. HĐND xã');
  // A margin outside the Decree's range is refused before saving.
  await page.getByLabel('Lề trái (mm)').fill('25');
  await page.getByLabel('Lề trên (mm)').click();
  await expect(page.getByLabel('Lề trái (mm)')).toHaveValue('30');
  await page.getByLabel('Lề trái (mm)').fill('35');
  const sample = page.frameLocator('iframe[title="Bản mẫu thể thức"]');
  await expect(sample.getByText('KT. CHỦ TỊCH')).toHaveCount(0);
  await expect(sample.getByText('TM. ỦY BAN NHÂN DÂN')).toBeVisible();
  await expect(sample.getByText('Số: 05/UBND-VP')).toBeVisible();
  await page.getByRole('button', { name: 'Lưu thể thức' }).click();
  await expect(page.getByText('Đã lưu thể thức văn bản.')).toBeVisible();
  await page.getByLabel('Cơ quan chủ quản').scrollIntoViewIfNeeded();
  await site.shot('letterhead-settings');

  // A công văn: draft, live preview, save, issue → 01.
  await page.getByRole('link', { name: 'Soạn văn bản' }).click();
  await expect(page.getByRole('heading', { name: 'Soạn văn bản' })).toBeVisible();
  await expect(page.getByText('Công văn cần trích yếu (V/v)')).toBeVisible();
  const subject1 = 'Đôn đốc báo cáo kết quả thực hiện nhiệm vụ quý I năm 2026';
  await page.getByLabel('Trích yếu (V/v)').fill(subject1);
  await page.getByLabel('Kính gửi').fill('Phòng Kinh tế\nPhòng Văn hóa - Xã hội');
  await page
    .getByLabel('Nội dung phần 1')
    .fill(
      'Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân xã, đến nay một số đơn vị chưa gửi báo cáo kết quả thực hiện nhiệm vụ quý I năm 2026.\n\nỦy ban nhân dân xã đề nghị:\n- Trưởng các đơn vị chỉ đạo hoàn thành báo cáo trước ngày 15/5/2026;\n- Gửi báo cáo về Văn phòng HĐND và UBND xã để tổng hợp.\n\nĐề nghị các đơn vị nghiêm túc thực hiện./.',
    );
  await expect(preview(page).getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeVisible();
  // The V/v line may be broken where it balances best (no lone word): read it as the eye does.
  await expect(preview(page).locator('.official-subject')).toHaveText(`V/v ${subject1}`, { useInnerText: true });
  await expect(preview(page).getByText('- Phòng Văn hóa - Xã hội.')).toBeVisible();
  await expect(preview(page).getByText('- Lưu: VT, VP. LT.')).toBeVisible();
  await expect(preview(page).getByText('TM. ỦY BAN NHÂN DÂN')).toBeVisible();
  await expect(preview(page).getByText('Nông Văn Bình')).toBeVisible();
  // Before issue the number is left blank for the clerk.
  await expect(preview(page).getByText(/^Số:\s+\/UBND-VP$/)).toBeVisible();
  await site.shot('letters-editor');
  await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
  await expect(page.getByText('Đã lưu dự thảo.')).toBeVisible();
  await expect(page).toHaveURL(/#\/letters\/edit\/[0-9a-f-]+$/);
  await expect(page.getByRole('heading', { name: 'Sửa dự thảo' })).toBeVisible();
  await issueCurrent(page);
  await expect(page.getByText('Số: 01/UBND-VP', { exact: true }).first()).toBeVisible();
  await expect(preview(page).getByText('Số: 01/UBND-VP')).toBeVisible();
  await expect(preview(page).getByText(/^Cao Bằng, ngày \d{2} tháng \d{1,2} năm \d{4}$/)).toBeVisible();

  // .docx at the path the user picks; the file is a zip whose document carries the number.
  const docxPath = join(tmp, `01-UBND-VP-${year}.docx`);
  site.dialogs.savePaths.push(docxPath);
  await page.getByRole('button', { name: 'Lưu tệp .docx' }).click();
  await expect(page.getByText(`Đã lưu tệp ${docxPath}`)).toBeVisible();
  expect((await stat(docxPath)).size).toBeGreaterThan(1000);
  const zip = unzipSync(new Uint8Array(await readFile(docxPath)));
  const documentXml = strFromU8(zip['word/document.xml']);
  expect(documentXml).toContain('Số: 01/');
  expect(documentText(await readFile(docxPath))).toContain(subject1);
  // Kept for a look through LibreOffice (docx → PDF → PNG); tests/.tmp is git-ignored.
  await mkdir(join(ROOT, 'tests/.tmp'), { recursive: true });
  await copyFile(docxPath, join(ROOT, 'tests/.tmp', 'letters-01.docx'));
  await expect(page.getByRole('button', { name: 'Mở tệp' })).toBeVisible();
  await page.getByRole('button', { name: 'Mở tệp' }).click();
  // The browser harness has no printer; the app says so instead of failing silently.
  await page.getByRole('button', { name: 'In', exact: true }).click();
  await expect(page.getByText(/chức năng in và xuất PDF chỉ có trong ứng dụng/)).toBeVisible();

  // A second công văn → 02.
  await page.getByRole('link', { name: 'Soạn văn bản' }).click();
  await expect(page.getByRole('heading', { name: 'Soạn văn bản' })).toBeVisible();
  await page.getByLabel('Trích yếu (V/v)').fill('Mời dự họp giao ban tháng 5');
  await page.getByLabel('Kính gửi').fill('Trưởng các thôn');
  await page.getByLabel('Nội dung phần 1').fill('Ủy ban nhân dân xã tổ chức họp giao ban tháng 5 năm 2026 vào 8 giờ 00 ngày thứ Hai tuần tới tại Hội trường Ủy ban nhân dân xã./.');
  await page.getByRole('combobox', { name: 'Người ký' }).click();
  await page.getByRole('option', { name: /Hoàng Thị Mai/ }).click();
  await expect(preview(page).getByText('KT. CHỦ TỊCH')).toBeVisible();
  await expect(preview(page).getByText('Kính gửi: Trưởng các thôn')).toBeVisible();
  await issueCurrent(page);
  await expect(preview(page).getByText('Số: 02/UBND-VP')).toBeVisible();

  // Drafts and issued letters.
  await page.getByRole('link', { name: 'Dự thảo / Đã phát hành' }).click();
  await expect(page.getByRole('tab', { name: 'Đã phát hành (2)' })).toBeVisible();
  await page.getByRole('tab', { name: 'Đã phát hành (2)' }).click();
  await expect(page.getByRole('row').filter({ hasText: '02/UBND-VP' })).toContainText('Mời dự họp giao ban tháng 5');

  // Register: cancel 01 with a reason; it stays, struck and marked.
  await page.getByRole('link', { name: 'Sổ văn bản đi' }).click();
  await expect(page.getByRole('heading', { name: 'Sổ văn bản đi' })).toBeVisible();
  await expect(page.getByText('Số liên tục từ 01 đến 02, không có số bị bỏ trống.')).toBeVisible();
  const row1 = page.getByRole('row').filter({ hasText: '01/UBND-VP' });
  await row1.getByRole('button', { name: 'Hủy số' }).click();
  const cancel = page.getByRole('dialog', { name: 'Hủy số 01/UBND-VP' });
  await cancel.getByLabel('Lý do hủy số').fill('Sai');
  await cancel.getByRole('button', { name: 'Hủy số' }).click();
  await expect(cancel.getByText('Nhập lý do hủy số văn bản.')).toBeVisible();
  await cancel.getByLabel('Lý do hủy số').fill('Sai nơi nhận, ban hành lại văn bản khác');
  await cancel.getByRole('button', { name: 'Hủy số' }).click();
  await expect(cancel).toBeHidden();
  await expect(row1).toContainText('Đã hủy số');
  await expect(row1).toContainText('Sai nơi nhận, ban hành lại văn bản khác');
  await expect(row1.getByRole('button', { name: 'Hủy số' })).toHaveCount(0);
  await expect(page.getByText('Số liên tục từ 01 đến 02, không có số bị bỏ trống; 1 số đã hủy vẫn giữ trong sổ.')).toBeVisible();
  // Diacritics-insensitive search.
  await page.getByLabel('Tìm trong sổ').fill('giao ban thang 5');
  await expect(page.getByText('1 / 2 văn bản')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '02/UBND-VP' })).toBeVisible();
  await page.getByLabel('Tìm trong sổ').fill('');
  await expect(page.getByText('2 / 2 văn bản')).toBeVisible();
  await site.shot('letters-register');

  // Export to .xlsx.
  const xlsxPath = join(tmp, 'so-van-ban-di.xlsx');
  site.dialogs.savePaths.push(xlsxPath);
  await page.getByRole('button', { name: 'Xuất Excel' }).click();
  await expect(page.getByText(`Đã xuất sổ văn bản đi ra ${xlsxPath}`)).toBeVisible();
  const {
    sheets: [sheet],
  } = await readWorkbook(await readFile(xlsxPath));
  expect(sheet.rows[0].slice(0, 3)).toEqual(['Số', 'Số, ký hiệu', 'Ngày ban hành']);
  expect(sheet.rows[1]).toEqual(expect.arrayContaining(['01/UBND-VP', 'Đã hủy số', 'Sai nơi nhận, ban hành lại văn bản khác', subject1]));
  expect(sheet.rows[2]).toEqual(expect.arrayContaining(['02/UBND-VP', 'Đã phát hành', 'Hoàng Thị Mai']));

  // The cancelled letter opens read-only with the cancellation shown.
  await row1.getByRole('link', { name: '01/UBND-VP' }).click();
  await expect(page.getByText('Số văn bản này đã bị hủy.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Phát hành', exact: true })).toHaveCount(0);

  expect(cspViolations).toEqual([]);
});
