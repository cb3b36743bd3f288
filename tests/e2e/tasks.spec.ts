/**
 * Tasks end to end: directive → two tasks (one by working days) → lead unit reports and asks
 * for more time → the assigner grants it → completion between the two deadlines, judged by
 * the setting → support and lead units cannot do what is not theirs → history.
 *
 * "Today" is controlled with Playwright's clock (page.clock.setFixedTime): the renderer and the
 * commands read the date from `new Date()` (ui/format.ts todayVn, commands' ctx.now default),
 * so faking the page's Date moves the business date; each move is followed by a reload.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { ADMIN, firstRun } from './helpers/firstRun';
import { importRegistry, PKT_HEAD, TWO_DEPARTMENTS, VHXH_HEAD, VICE_CHAIR } from './helpers/registry';
import { addUnitAccount, openTask, pick, setToday, switchTo } from './helpers/session';

test('directive → two tasks → progress, extension granted → completion judged by the setting → refusals → history', async ({ site, tmp }) => {
  test.setTimeout(240_000);
  const { page } = site;
  await page.clock.setFixedTime(new Date('2026-03-02T09:00:00+07:00'));
  await firstRun(site);

  // Units and officials by .xlsx import, as foundation.spec does.
  await importRegistry(site, tmp, { units: TWO_DEPARTMENTS, officials: [VICE_CHAIR, PKT_HEAD, VHXH_HEAD] });

  // One account per unit.
  await page.getByRole('link', { name: 'Tài khoản' }).click();
  await addUnitAccount(page, { username: 'pkt.cb', displayName: 'Cán bộ Phòng Kinh tế', unit: 'Phòng Kinh tế' });
  await addUnitAccount(page, { username: 'vhxh.cb', displayName: 'Cán bộ Phòng Văn hóa', unit: 'Phòng Văn hóa - Xã hội' });

  // 1. Register a directive, with its scan attached.
  await page.getByRole('link', { name: 'Văn bản chỉ đạo' }).click();
  await page.getByRole('button', { name: 'Vào sổ văn bản' }).click();
  const dd = page.getByRole('dialog');
  await dd.getByLabel('Số', { exact: true }).fill('1041');
  await dd.getByLabel('Ký hiệu', { exact: true }).fill('UBND-NC');
  await dd.getByLabel('Ngày ban hành').fill('25/02/2026');
  await dd.getByLabel('Cơ quan ban hành').fill('Ủy ban nhân dân tỉnh Cao Bằng');
  await dd.getByLabel('Trích yếu').fill('Về việc chấn chỉnh tình trạng đùn đẩy, né tránh trách nhiệm');
  const scan = join(tmp, 'Cong van 1041.pdf');
  await writeFile(scan, '%PDF-1.4 bản chụp công văn');
  site.dialogs.openPaths.push(scan);
  await dd.getByRole('button', { name: 'Đính kèm tệp (PDF, bản chụp)' }).click();
  await expect(dd.getByText('Cong van 1041.pdf')).toBeVisible();
  await dd.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('heading', { name: 'Công văn số 1041/UBND-NC ngày 25/02/2026' })).toBeVisible();

  // 2. Two tasks from it: one with a fixed date, one by working days (resolved live).
  await page.getByRole('button', { name: 'Giao nhiệm vụ từ văn bản này' }).click();
  await expect(page.getByRole('heading', { name: 'Giao nhiệm vụ' })).toBeVisible();
  await pick(page, page, 'Lãnh đạo giao', /Hoàng Văn Đức/);
  const t1 = page.getByRole('group', { name: 'Nhiệm vụ 1' });
  await t1.getByLabel('Tên nhiệm vụ').fill('Rà soát thủ tục hành chính lĩnh vực kinh tế');
  await pick(page, t1, 'Đơn vị chủ trì', 'Phòng Kinh tế');
  await t1.getByRole('combobox', { name: 'Đơn vị phối hợp' }).click();
  await page.getByRole('option', { name: 'Phòng Văn hóa - Xã hội' }).click();
  await t1.getByLabel('Tên nhiệm vụ').click();
  await pick(page, t1, 'Người chịu trách nhiệm', /Lương Thị Hà/);
  await t1.getByLabel('Hạn xử lý').fill('13/03/2026');
  await expect(t1.getByTestId('resolved-deadline')).toHaveText('hạn: 13/03/2026 (9 ngày làm việc)');
  await t1.getByRole('button', { name: 'Thêm bước' }).click();
  await t1.getByLabel('Bước 1', { exact: true }).fill('Lập danh mục thủ tục cần rà soát');

  await page.getByRole('button', { name: 'Thêm nhiệm vụ khác' }).click();
  const t2 = page.getByRole('group', { name: 'Nhiệm vụ 2' });
  await t2.getByLabel('Tên nhiệm vụ').fill('Báo cáo tình hình thực hiện kỷ luật, kỷ cương hành chính');
  await pick(page, t2, 'Đơn vị chủ trì', 'Phòng Văn hóa - Xã hội');
  await t2.getByText('Số ngày làm việc', { exact: true }).click();
  await t2.getByLabel('Số ngày làm việc kể từ ngày giao').fill('10');
  await expect(t2.getByTestId('resolved-deadline')).toHaveText('hạn: 16/03/2026 (10 ngày làm việc)');
  await page.getByRole('button', { name: 'Giao 2 nhiệm vụ' }).click();
  await expect(page.getByText('Đã giao 2 nhiệm vụ.')).toBeVisible();
  const directiveTasks = page.getByRole('table', { name: 'Nhiệm vụ của văn bản' });
  await expect(directiveTasks.getByText('Rà soát thủ tục hành chính lĩnh vực kinh tế')).toBeVisible();
  await expect(directiveTasks.getByText('16/03/2026')).toBeVisible();

  // 3. The lead unit reports progress and asks for an extension; it has no way to hand the task on.
  await switchTo(site, 'pkt.cb');
  await openTask(page, 'Rà soát thủ tục hành chính lĩnh vực kinh tế');
  await expect(page.getByRole('button', { name: 'Báo cáo tiến độ' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Điều chỉnh đơn vị chủ trì' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /chuyển|bàn giao/i })).toHaveCount(0);
  await page.getByRole('button', { name: 'Báo cáo tiến độ' }).click();
  let d = page.getByRole('dialog');
  await d.getByLabel('Tiến độ đạt được (%)').fill('40');
  await d.getByLabel('Nội dung báo cáo').fill('Đã lập danh mục 35 thủ tục, đang rà soát từng thủ tục.');
  await d.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByText('Đã ghi báo cáo tiến độ.')).toBeVisible();
  await expect(page.getByText('40%', { exact: true })).toBeVisible();
  await setToday(page, '2026-03-11');
  await page.getByRole('button', { name: 'Xin gia hạn' }).click();
  d = page.getByRole('dialog');
  await d.getByLabel('Đề nghị gia hạn đến ngày').fill('27/03/2026');
  await d.getByLabel('Lý do xin gia hạn').fill('Chờ Sở Tư pháp hướng dẫn 6 thủ tục mới.');
  await d.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByText('Đề nghị gia hạn đang chờ quyết định')).toBeVisible();

  // 4. The assigner grants it.
  await switchTo(site, ADMIN.username, ADMIN.password);
  await openTask(page, 'Rà soát thủ tục hành chính lĩnh vực kinh tế');
  await page.getByRole('button', { name: 'Quyết định gia hạn' }).click();
  d = page.getByRole('dialog');
  await expect(d.getByLabel('Thời hạn mới')).toHaveValue('27/03/2026');
  await d.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByText('Đã ghi quyết định gia hạn.')).toBeVisible();
  await expect(page.getByText('27/03/2026 (gia hạn 1 lần)')).toBeVisible();

  // 5. Past the original deadline (13/03), before the extended one (27/03).
  await setToday(page, '2026-03-20');

  // A support unit may only contribute: no completion for it, and it is told why.
  await switchTo(site, 'vhxh.cb');
  await openTask(page, 'Rà soát thủ tục hành chính lĩnh vực kinh tế');
  await expect(page.getByRole('button', { name: 'Gửi ý kiến phối hợp' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Báo cáo hoàn thành' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Báo cáo tiến độ' })).toHaveCount(0);
  await expect(page.getByText('Đơn vị phối hợp chỉ được gửi ý kiến phối hợp')).toBeVisible();
  await page.getByRole('button', { name: 'Gửi ý kiến phối hợp' }).click();
  d = page.getByRole('dialog');
  await d.getByLabel('Nội dung phối hợp').fill('Đã gửi danh sách 4 thủ tục lĩnh vực văn hóa liên quan.');
  await d.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByText('Đã gửi ý kiến phối hợp.')).toBeVisible();

  // The lead unit completes.
  await switchTo(site, 'pkt.cb');
  await openTask(page, 'Rà soát thủ tục hành chính lĩnh vực kinh tế');
  await page.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
  d = page.getByRole('dialog');
  await expect(d.getByLabel('Ngày hoàn thành')).toHaveValue('20/03/2026');
  await d.getByLabel('Kết quả thực hiện').fill('Đã rà soát 35 thủ tục, đề nghị bãi bỏ 3 thủ tục.');
  await d.getByLabel('Số văn bản báo cáo').fill('125/BC-PKT');
  await d.getByLabel('Sản phẩm đã có').fill('Báo cáo kết quả rà soát thủ tục hành chính');
  await d.getByLabel('Số văn bản sản phẩm').fill('125/BC-PKT');
  await d.getByLabel('Ngày văn bản sản phẩm').fill('20/03/2026');
  await d.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByText('Đã ghi báo cáo hoàn thành.')).toBeVisible();
  // The report waits for the assigner.
  await expect(page.getByText('Chờ cơ quan giao xác nhận hoàn thành')).toBeVisible();

  // 6. The assigner accepts; judged against the extended deadline (the default) it is on time; dashboard and list agree; then the setting flips it to late.
  await switchTo(site, ADMIN.username, ADMIN.password);
  await openTask(page, 'Rà soát thủ tục hành chính lĩnh vực kinh tế');
  await page.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
  d = page.getByRole('dialog');
  await d.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByText('Đã xác nhận hoàn thành nhiệm vụ.')).toBeVisible();
  await expect(page.getByText('Hoàn thành đúng hạn').first()).toBeVisible();
  await page.getByRole('link', { name: 'Tổng quan' }).click();
  await expect(page.getByRole('button', { name: 'Hoàn thành đúng hạn: 1' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hoàn thành quá hạn: 0' })).toBeVisible();
  await page.getByRole('button', { name: 'Hoàn thành đúng hạn: 1' }).click();
  const list = page.getByRole('table', { name: 'Danh sách nhiệm vụ' });
  await expect(list.getByText('Rà soát thủ tục hành chính lĩnh vực kinh tế')).toBeVisible();
  await expect(page.getByText('1 nhiệm vụ', { exact: true })).toBeVisible();

  await page.getByRole('link', { name: 'Tiêu chí đánh giá' }).click();
  await page.getByLabel('Hạn ban đầu (không tính gia hạn)').check();
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(page.getByText('Đã lưu cài đặt theo dõi nhiệm vụ.')).toBeVisible();
  await page.getByRole('link', { name: 'Tổng quan' }).click();
  await expect(page.getByRole('button', { name: 'Hoàn thành quá hạn: 1' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hoàn thành đúng hạn: 0' })).toBeVisible();
  await openTask(page, 'Rà soát thủ tục hành chính lĩnh vực kinh tế');
  await expect(page.getByText('Hoàn thành quá hạn', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Danh sách nhiệm vụ' })).toHaveCount(0);

  // 7. The history shows every step: who, when, before → after.
  await page.getByRole('tab', { name: /Tiến độ/ }).click();
  await expect(page.getByText('Đã rà soát 35 thủ tục, đề nghị bãi bỏ 3 thủ tục.', { exact: false })).toBeVisible();
  await page.getByRole('tab', { name: 'Lịch sử' }).click();
  const history = page.getByRole('table', { name: 'Lịch sử thay đổi' });
  for (const [action, actor] of [
    ['Giao nhiệm vụ', 'lan.vt'],
    ['Thêm bước thực hiện', 'lan.vt'],
    ['Báo cáo tiến độ', 'pkt.cb'],
    ['Đề nghị gia hạn', 'pkt.cb'],
    ['Đồng ý gia hạn', 'lan.vt'],
    ['Gửi ý kiến phối hợp', 'vhxh.cb'],
    ['Báo cáo hoàn thành', 'pkt.cb'],
    ['Xác nhận hoàn thành', 'lan.vt'],
  ] as const) {
    await expect(history.getByRole('row').filter({ hasText: action }).filter({ hasText: actor })).toHaveCount(1);
  }
  await expect(history.getByText('Thời hạn mới: 27/03/2026')).toBeVisible();
  await expect(history.getByText('Hạn xử lý: 13/03/2026')).toBeVisible();
  await expect(history.getByText('Đơn vị chủ trì: Phòng Kinh tế')).toBeVisible();
  await site.shot('task-history');
});

test('demo data (office size) → dashboard, task list and a task at 1366×768', async ({ site }) => {
  test.setTimeout(480_000);
  const { page } = site;
  await page.clock.setFixedTime(new Date('2026-11-27T09:00:00+07:00'));
  await firstRun(site);
  // An empty database offers the demo where it does not clutter daily use.
  await expect(page.getByText('Chưa có nhiệm vụ nào')).toBeVisible();
  await page.getByRole('link', { name: 'Tiêu chí đánh giá' }).click();
  await page.getByText('Văn phòng (5.000 nhiệm vụ)').click();
  await page.getByRole('button', { name: 'Nạp dữ liệu mẫu' }).click();
  // Progress is shown while loading (the bar starts at zero width, so check it is there and the stage text shows).
  await expect(page.getByRole('progressbar', { name: 'Tiến độ nạp dữ liệu mẫu' })).toBeAttached();
  await expect(page.getByText(/^Đang ghi/)).toBeVisible();
  await expect(page.getByText(/Đã nạp dữ liệu mẫu: .* 5\.000 nhiệm vụ/)).toBeVisible({ timeout: 360_000 });
  // Now the database holds data: a second load is refused with the reason.
  await expect(page.getByText(/chỉ nạp được dữ liệu mẫu vào một cơ sở dữ liệu vừa thiết lập ban đầu/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nạp dữ liệu mẫu' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Tổng quan' }).click();
  // 5,000 tasks assessed as of today: allow for a busy test machine.
  await expect(page.getByRole('table', { name: 'Quá hạn theo đơn vị' })).toBeVisible({ timeout: 60_000 });
  await site.shot('dashboard');

  await page.getByRole('link', { name: 'Nhiệm vụ', exact: true }).click();
  // Opens on the open tasks (the dashboard's three open categories), then every status.
  const counter = page.getByText(/^[\d.]+ nhiệm vụ$/);
  await expect(counter).toBeVisible({ timeout: 60_000 });
  const openCount = Number((await counter.textContent())!.split(' ')[0].replace(/\./g, ''));
  expect(openCount).toBeGreaterThan(0);
  expect(openCount).toBeLessThan(5000);
  await page.getByText('Tất cả', { exact: true }).click();
  await expect(page.getByText('5.000 nhiệm vụ', { exact: true })).toBeVisible({ timeout: 60_000 });
  const list = page.getByRole('table', { name: 'Danh sách nhiệm vụ' });
  // Virtualised: only a screenful of rows is in the DOM.
  expect(await list.getByRole('row').count()).toBeLessThan(60);
  await page.getByLabel('Tìm kiếm').fill('dun day');
  await expect(page.getByText(/^\d[\d.]* nhiệm vụ$/)).not.toHaveText('5.000 nhiệm vụ');
  await page.getByLabel('Tìm kiếm').fill('');
  await expect(page.getByText('5.000 nhiệm vụ', { exact: true })).toBeVisible({ timeout: 60_000 });
  await site.shot('tasks-list');

  await page.getByRole('combobox', { name: 'Phân loại' }).click();
  await page.getByRole('option', { name: 'Quá hạn chưa hoàn thành' }).click();
  await list.getByRole('row').nth(1).click();
  await expect(page.getByRole('tab', { name: 'Lịch sử' })).toBeVisible({ timeout: 60_000 });
  await site.shot('task-detail');
});
