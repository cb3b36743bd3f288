/**
 * Consultations end to end. "Today" is driven in two places kept in step: main's clock
 * (newSite({ now })) and the renderer's clock (Playwright page.clock.setFixedTime; the
 * consultation screens read the date from useToday, which re-reads on window focus).
 *
 * Replies are entered by unit accounts (account.unitId = the unit) logged in on the
 * coordinator's PC: the coordinator's clerk may not answer in a department's name.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test, expect, type Site } from './fixtures';
import { addUnitAccount, login as signIn, logout as signOut } from './helpers/session';
import { firstRun } from './helpers/firstRun';
import { importRegistry } from './helpers/registry';

const SCREENSHOTS = resolve(import.meta.dirname, 'screenshots');

async function setToday(site: Site, clock: { now: Date }, date: string): Promise<void> {
  clock.now = new Date(`${date}T09:00:00+07:00`);
  await site.page.clock.setFixedTime(clock.now);
  await site.page.evaluate(() => window.dispatchEvent(new Event('focus')));
}

const logout = (site: Site): Promise<void> => signOut(site.page);
const login = (site: Site, username: string, password = 'matkhau-an-toan'): Promise<void> => signIn(site.page, username, password);

const SUBJECT = 'Lấy ý kiến dự thảo Kế hoạch phát triển du lịch năm 2027';
const unitRow = (site: Site, unit: string) => site.page.locator(`tr[data-unit="${unit}"]`);

test('consultation to 4 units: replies, vague reply refused, late reply, deemed agreement, notice, reconciliation gate', async ({ newSite, tmp }) => {
  // Five logins (scrypt) and a LibreOffice conversion: longer than the default budget.
  test.setTimeout(360_000);
  const clock = { now: new Date('2026-04-23T09:00:00+07:00') };
  const site = await newSite({ now: () => clock.now });
  const { page } = site;
  await page.clock.setFixedTime(clock.now);
  await firstRun(site);
  await site.open('units');
  await expect(site.page.getByRole('heading', { name: 'Danh mục đơn vị' })).toBeVisible();

  // Units with their fields of responsibility, and the Chair who signs.
  await importRegistry(site, tmp, {
    units: [
      ['Phòng Kinh tế', 'PKT', 'Cơ quan chuyên môn / Phòng', 'KT', 'UBND', '01/07/2025', '', 2, 'Du lịch; Nông nghiệp'],
      ['Phòng Văn hóa - Xã hội', 'VHXH', 'Cơ quan chuyên môn / Phòng', 'VHXH', 'UBND', '01/07/2025', '', 3, 'Du lịch; Văn hóa'],
      ['Phòng Tài chính - Kế hoạch', 'TCKH', 'Cơ quan chuyên môn / Phòng', 'TCKH', 'UBND', '01/07/2025', '', 4, 'Ngân sách; Du lịch'],
      ['Công an xã', 'CAX', 'Khác', 'CA', 'UBND', '01/07/2025', '', 5, 'An ninh trật tự'],
    ],
    officials: [['CB01', 'Nguyễn Phương Huy', 'UBND', 'Chủ tịch', 'x', '01/07/2025', '', '', '']],
  });

  // One account per consulted unit (Cài đặt → Tài khoản).
  await page.getByRole('link', { name: 'Tài khoản' }).click();
  await addUnitAccount(page, { username: 'kt.pkt', displayName: 'Lương Thị Hà', unit: '— Phòng Kinh tế', password: 'matkhau-an-toan' });
  await addUnitAccount(page, { username: 'vhxh.son', displayName: 'Đàm Văn Sơn', unit: '— Phòng Văn hóa - Xã hội', password: 'matkhau-an-toan' });
  await addUnitAccount(page, { username: 'tckh.mai', displayName: 'Hoàng Thị Mai', unit: '— Phòng Tài chính - Kế hoạch', password: 'matkhau-an-toan' });

  // The request: 4 units, 5 working days from Thu 23/4/2026 (Giỗ Tổ, 30/4 and 1/5 skipped).
  await page.getByRole('link', { name: 'Lấy ý kiến, trình cấp trên' }).click();
  await page.getByRole('button', { name: 'Lấy ý kiến mới' }).click();
  await page.getByLabel('Trích yếu').fill(SUBJECT);
  await page.getByLabel('Tên hồ sơ, đề án, dự án (như ghi trong văn bản)').fill('dự thảo Kế hoạch phát triển du lịch năm 2027');
  await page.getByRole('combobox', { name: 'Lĩnh vực' }).click();
  await page.getByRole('option', { name: 'Du lịch' }).click();
  await page.getByLabel('Căn cứ pháp lý').fill('Quy chế làm việc của Ủy ban nhân dân xã Hòa An nhiệm kỳ 2026-2031');
  await page.getByLabel('Số ngày làm việc kể từ hôm nay').fill('5');
  await expect(page.getByTestId('consultation-due')).toHaveText('Hạn trả lời: Thứ Ba, 05/05/2026');
  for (const u of ['Phòng Kinh tế', 'Phòng Văn hóa - Xã hội', 'Phòng Tài chính - Kế hoạch', 'Công an xã']) {
    await page.getByRole('checkbox', { name: new RegExp(`^${u}`) }).check();
  }
  // Công an xã has no "Du lịch" among its fields: the form warns.
  await expect(page.getByText(/Không thấy lĩnh vực "Du lịch" trong lĩnh vực phụ trách của: Công an xã/)).toBeVisible();
  await site.shot('consultations-form');
  await page.getByRole('button', { name: 'Gửi lấy ý kiến' }).click();
  await expect(page.getByRole('heading', { name: SUBJECT })).toBeVisible();
  const detailUrl = page.url();
  await expect(unitRow(site, 'Công an xã')).toContainText('Chưa trả lời');

  // Phòng Kinh tế agrees (24/4).
  await setToday(site, clock, '2026-04-24');
  await logout(site);
  await login(site, 'kt.pkt');
  await site.open('consultations');
  await expect(page.getByRole('tab', { name: /Cần tôi trả lời/ })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('row', { name: new RegExp(SUBJECT) }).click();
  await page.getByRole('button', { name: 'Trả lời ý kiến' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: 'Đồng ý', exact: true }).check();
  await dialog.getByRole('button', { name: 'Ghi ý kiến' }).click();
  await expect(unitRow(site, 'Phòng Kinh tế')).toContainText('Đồng ý');

  // Phòng Văn hóa - Xã hội disagrees with content (28/4).
  await setToday(site, clock, '2026-04-28');
  await logout(site);
  await login(site, 'vhxh.son');
  await page.goto(detailUrl);
  await page.getByRole('button', { name: 'Trả lời ý kiến' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: 'Không đồng ý' }).check();
  await dialog.getByLabel('Nội dung ý kiến').fill('Không đồng ý thu phí tham quan tại mục II.2 vì chưa có nghị quyết của Hội đồng nhân dân xã; đề nghị bỏ nội dung này.');
  await dialog.getByRole('button', { name: 'Ghi ý kiến' }).click();
  await expect(unitRow(site, 'Phòng Văn hóa - Xã hội')).toContainText('Không đồng ý');

  // Phòng Tài chính - Kế hoạch tries a vague reply: refused, with the reason.
  await setToday(site, clock, '2026-04-29');
  await logout(site);
  await login(site, 'tckh.mai');
  await page.goto(detailUrl);
  await page.getByRole('button', { name: 'Trả lời ý kiến' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: 'Đồng ý có ý kiến' }).check();
  await dialog.getByLabel('Nội dung ý kiến').fill('Nhất trí như dự thảo.');
  await dialog.getByRole('button', { name: 'Ghi ý kiến' }).click();
  await expect(dialog.getByRole('alert')).toContainText('chung chung');
  await site.shot('consultations-reply-form');
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await expect(unitRow(site, 'Phòng Tài chính - Kế hoạch')).toContainText('Chưa trả lời');

  // Past the deadline (Wed 6/5): it answers late; Công an xã stays silent.
  await setToday(site, clock, '2026-05-06');
  await page.reload();
  await expect(unitRow(site, 'Phòng Tài chính - Kế hoạch')).toContainText('Được xác định là đồng ý');
  await page.getByRole('button', { name: 'Trả lời ý kiến' }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Đã quá hạn trả lời');
  await dialog.getByRole('radio', { name: 'Đồng ý có ý kiến' }).check();
  await dialog.getByLabel('Nội dung ý kiến').fill('Đề nghị bổ sung nguồn xã hội hóa cho hạng mục nhà đón tiếp khách tại mục III của dự thảo.');
  await dialog.getByRole('button', { name: 'Ghi ý kiến' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(unitRow(site, 'Phòng Tài chính - Kế hoạch')).toContainText('Trả lời muộn');
  await expect(unitRow(site, 'Phòng Tài chính - Kế hoạch')).toContainText('Được xác định là đồng ý');

  // The requester: the silent unit is deemed to agree from 6/5.
  await logout(site);
  await login(site, 'lan.vt');
  await page.goto(detailUrl);
  await expect(unitRow(site, 'Công an xã')).toContainText('Được xác định là đồng ý');
  await expect(unitRow(site, 'Công an xã')).toContainText('từ ngày 06/05/2026');
  await expect(unitRow(site, 'Phòng Kinh tế')).toContainText('Đồng ý');
  await site.shot('consultations-detail');

  // The notice: drafted, numbered in the outgoing register, saved as .docx.
  const docx = join(tmp, 'thong-bao.docx');
  site.dialogs.savePaths.push(docx);
  await page.getByRole('button', { name: 'Soạn thông báo được xác định là đồng ý' }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Công an xã');
  await expect(dialog.getByRole('combobox', { name: 'Người ký' })).toHaveValue('Nguyễn Phương Huy — Chủ tịch');
  await dialog.getByRole('button', { name: 'Ban hành và lưu .docx' }).click();
  await expect(page.getByText(/Đã ban hành thông báo số 01\/TB-UBND/).first()).toBeVisible();
  await expect.poll(() => existsSync(docx)).toBe(true);

  // Opened in LibreOffice: the text says the units are deemed to agree.
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', tmp, docx], { stdio: 'ignore', timeout: 120_000 });
  const pdf = join(tmp, 'thong-bao.pdf');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('được xác định là đồng ý');
  expect(text).toContain('Công an xã');
  expect(text).toContain('Phòng Tài chính - Kế hoạch');
  expect(text).toContain('Số: 01/TB-UBND');
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, join(SCREENSHOTS, 'consultations-notice')]);

  // Submission refused while the disagreement is open, accepted once reconciled.
  await page.getByRole('button', { name: 'Đánh dấu sẵn sàng trình' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Chưa thể đánh dấu sẵn sàng trình' });
  await expect(refusal).toContainText('Phòng Văn hóa - Xã hội');
  await expect(refusal).toContainText('chưa được thống nhất');
  await page.getByRole('button', { name: 'Ghi kết quả thống nhất' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Thành phần tham dự').fill('Chánh Văn phòng HĐND và UBND; Trưởng phòng Văn hóa - Xã hội');
  await dialog.getByLabel('Kết quả thống nhất').fill('Bỏ nội dung thu phí tham quan tại mục II.2; giữ nguyên các nội dung khác.');
  await dialog.getByRole('button', { name: 'Ghi kết quả' }).click();
  await expect(page.getByText(/đã thống nhất ngày 06\/05\/2026/)).toBeVisible();
  await page.getByRole('button', { name: 'Đánh dấu sẵn sàng trình' }).click();
  await expect(page.getByText('Sẵn sàng trình từ 06/05/2026')).toBeVisible();

  await site.open('consultations');
  await page.getByRole('tab', { name: /Tôi lấy ý kiến/ }).click();
  await expect(page.getByRole('row', { name: new RegExp(SUBJECT) })).toContainText('Sẵn sàng trình');
  await site.shot('consultations-list');
});
