/**
 * Recording on behalf (nhập thay) end to end, on the coordinating office's PC: a department with
 * no Đôn Đốc of its own sends its progress report and its consultation reply on paper; the office's
 * clerk types them in, citing the paper, and every screen says so. The department's own account
 * is never offered the choice.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { firstRun } from './helpers/firstRun';
import { importRegistry, TWO_DEPARTMENTS, VHXH_HEAD, VICE_CHAIR } from './helpers/registry';
import { addUnitAccount, openTask, pick, switchTo } from './helpers/session';

/** Closes the success notices so the screenshots show the screen under them (the fixed test clock keeps them open). */
async function dismissToasts(page: Page): Promise<void> {
  for (const close of await page.locator('.mantine-Notification-root button').all()) await close.click();
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
}

const TASK = 'Kiểm tra công tác phòng cháy, chữa cháy tại các cơ sở văn hóa';
const SUBJECT = 'Lấy ý kiến dự thảo Quy chế phối hợp quản lý di tích';

test('the office clerk types a unit’s paper report and reply on its behalf; the timeline and the replies name the clerk and the paper', async ({ site, tmp }) => {
  test.setTimeout(200_000);
  const { page } = site;
  await page.clock.setFixedTime(new Date('2026-03-02T09:00:00+07:00'));
  await firstRun(site);
  await importRegistry(site, tmp, { units: TWO_DEPARTMENTS, officials: [VICE_CHAIR, VHXH_HEAD] });
  await page.getByRole('link', { name: 'Tài khoản' }).click();
  await addUnitAccount(page, { username: 'pkt.cb', displayName: 'Cán bộ Phòng Kinh tế', unit: 'Phòng Kinh tế' });

  // A task led by Phòng Văn hóa - Xã hội, with Phòng Kinh tế in support.
  await site.open('tasks/new');
  await expect(page.getByRole('heading', { name: 'Giao nhiệm vụ' })).toBeVisible();
  await pick(page, page, 'Lãnh đạo giao', /Hoàng Văn Đức/);
  const t1 = page.getByRole('group', { name: 'Nhiệm vụ 1' });
  await t1.getByLabel('Tên nhiệm vụ').fill(TASK);
  await pick(page, t1, 'Đơn vị chủ trì', 'Phòng Văn hóa - Xã hội');
  await t1.getByRole('combobox', { name: 'Đơn vị phối hợp' }).click();
  await page.getByRole('option', { name: 'Phòng Kinh tế' }).click();
  await t1.getByLabel('Tên nhiệm vụ').click();
  await t1.getByLabel('Hạn xử lý').fill('20/03/2026');
  await page.getByRole('button', { name: 'Giao nhiệm vụ', exact: true }).click();
  await expect(page.getByRole('heading', { name: TASK })).toBeVisible();
  await dismissToasts(page);

  // The clerk (the office's own account) cannot report for the department, but may type its paper report.
  await page.getByRole('button', { name: 'Báo cáo tiến độ' }).click();
  let d = page.getByRole('dialog');
  const choice = d.getByRole('checkbox', { name: 'Nhập thay cho đơn vị (theo văn bản giấy)' });
  await expect(choice).toBeChecked();
  await expect(choice).toBeDisabled();
  await expect(d.getByText('Đơn vị: Phòng Văn hóa - Xã hội')).toBeVisible();
  await d.getByLabel('Tiến độ đạt được (%)').fill('30');
  await d.getByLabel('Nội dung báo cáo').fill('Đã kiểm tra 4/10 cơ sở; 2 cơ sở thiếu bình chữa cháy, đã yêu cầu bổ sung trước ngày 15/3.');
  // Without the paper document's number nothing is written.
  await d.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(d.getByRole('alert')).toContainText('Theo văn bản số: chưa nhập số, ký hiệu của văn bản giấy đã nhận.');
  await pick(page, d, 'Loại văn bản', 'Báo cáo');
  await d.getByLabel('Theo văn bản số').fill('15/BC-VHXH');
  await d.getByRole('textbox', { name: /^Ngày văn bản/ }).fill('27/02/2026');
  await expect(d.getByText('Sẽ ghi: Văn thư Nông Thị Lan nhập thay, theo Báo cáo số 15/BC-VHXH ngày 27/02/2026')).toBeVisible();
  await site.shot('onbehalf-progress-dialog');
  await d.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByText('Đã ghi báo cáo tiến độ.')).toBeVisible();
  await expect(page.getByText('30%', { exact: true })).toBeVisible();
  await expect(page.getByText('Văn thư Nông Thị Lan nhập thay, theo Báo cáo số 15/BC-VHXH ngày 27/02/2026.')).toBeVisible();
  await dismissToasts(page);
  await site.shot('onbehalf-task-timeline');
  // The task's change history says it too.
  await page.getByRole('tab', { name: 'Lịch sử' }).click();
  await expect(page.getByText('Nhập thay: Văn thư Nông Thị Lan nhập thay, theo Báo cáo số 15/BC-VHXH ngày 27/02/2026')).toBeVisible();

  // A consultation of both departments; Phòng Kinh tế's reply arrives on paper.
  await page.getByRole('link', { name: 'Lấy ý kiến, trình cấp trên' }).click();
  await page.getByRole('button', { name: 'Lấy ý kiến mới' }).click();
  await page.getByLabel('Trích yếu').fill(SUBJECT);
  await page.getByLabel('Tên hồ sơ, đề án, dự án (như ghi trong văn bản)').fill('dự thảo Quy chế phối hợp quản lý di tích');
  await page.getByLabel('Căn cứ pháp lý').fill('Quy chế làm việc của Ủy ban nhân dân xã Hòa An nhiệm kỳ 2026-2031');
  await page.getByLabel('Số ngày làm việc kể từ hôm nay').fill('5');
  for (const u of ['Phòng Kinh tế', 'Phòng Văn hóa - Xã hội']) await page.getByRole('checkbox', { name: new RegExp(`^${u}`) }).check();
  await page.getByRole('button', { name: 'Gửi lấy ý kiến' }).click();
  await expect(page.getByRole('heading', { name: SUBJECT })).toBeVisible();
  await dismissToasts(page);
  await page.getByRole('button', { name: 'Trả lời ý kiến' }).click();
  d = page.getByRole('dialog');
  await expect(d.getByRole('checkbox', { name: 'Nhập thay cho đơn vị (theo văn bản giấy)' })).toBeChecked();
  await pick(page, d, 'Đơn vị trả lời', 'Phòng Kinh tế');
  await d.getByRole('radio', { name: 'Không đồng ý' }).check();
  await d.getByLabel('Nội dung ý kiến').fill('Không đồng ý Điều 7 giao Phòng Kinh tế thu phí tham quan vì chưa có nghị quyết của Hội đồng nhân dân xã; đề nghị bỏ Điều 7.');
  await d.getByLabel('Theo văn bản số').fill('07/KT');
  await d.getByRole('textbox', { name: /^Ngày văn bản/ }).fill('02/03/2026');
  // The paper document is the reply's reference: no second field for it.
  await expect(d.getByLabel('Văn bản trả lời (nếu có)')).toHaveCount(0);
  await site.shot('onbehalf-reply-dialog');
  await d.getByRole('button', { name: 'Ghi ý kiến' }).click();
  const row = page.locator('tr[data-unit="Phòng Kinh tế"]');
  await expect(row).toContainText('Không đồng ý');
  await expect(row.getByTestId('on-behalf-note')).toHaveText('Văn thư Nông Thị Lan nhập thay, theo Công văn số 07/KT ngày 02/03/2026');
  await dismissToasts(page);
  await site.shot('onbehalf-consultation-replies');

  // Phòng Kinh tế's own account answers for itself and is never offered "Nhập thay".
  await switchTo(site, 'pkt.cb');
  await openTask(page, TASK);
  await expect(page.getByRole('button', { name: 'Báo cáo tiến độ' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Gửi ý kiến phối hợp' }).click();
  d = page.getByRole('dialog');
  await expect(d.getByLabel('Nội dung phối hợp')).toBeVisible();
  await expect(d.getByText('Nhập thay cho đơn vị (theo văn bản giấy)')).toHaveCount(0);
});
