/**
 * A clerk's day, end to end: a task states its product; the lead unit (Trạm Y tế, chosen by
 * typing "tram y te") raises a request upward linked to the task, reports completion with its
 * product; the assigner returns it once with a reason, then accepts it; history and progress
 * print the deciding leader; the quarter report (defaulting on 01/04 to quý I, cut-off 31/03)
 * and the ranking count it on time or late as the setting says.
 */
import { test, expect } from './fixtures';
import { ADMIN, firstRun } from './helpers/firstRun';
import { importRegistry } from './helpers/registry';
import { PASSWORD, openTask, pick, setToday, switchTo } from './helpers/session';

const TITLE = 'Báo cáo kết quả tiêm chủng mở rộng quý I';
const TITLE2 = 'Kiểm tra an toàn thực phẩm tại các cơ sở y tế tư nhân';

test('a clerk’s day: product, completion returned once then accepted, deciding leader, request upward, report and ranking by the setting', async ({ site, tmp }) => {
  test.setTimeout(360_000);
  const { page } = site;
  await page.clock.setFixedTime(new Date('2026-03-02T09:00:00+07:00'));
  // The wizard says the higher body prints on every letterhead, and previews it.
  await firstRun(site, { shots: 'clerk-00-wizard' });

  await importRegistry(site, tmp, {
    units: [
      ['Trạm Y tế', 'TYT', 'Cơ quan chuyên môn / Phòng', 'TYT', 'UBND', '01/07/2025', '', 2, ''],
      ['Phòng Kinh tế', 'PKT', 'Cơ quan chuyên môn / Phòng', 'KT', 'UBND', '01/07/2025', '', 3, ''],
    ],
    officials: [
      ['CB01', 'Nguyễn Văn Hùng', 'UBND', 'Chủ tịch UBND', 'x', '01/07/2025', '', '', ''],
      ['CB02', 'Lục Thị Mai', 'TYT', 'Trạm trưởng', 'x', '01/07/2025', '', '', ''],
    ],
  });
  await page.getByRole('link', { name: 'Tài khoản' }).click();
  await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
  let d = page.getByRole('dialog');
  await d.getByLabel('Tên đăng nhập').fill('tyt.cb');
  await d.getByLabel('Họ và tên').fill('Cán bộ Trạm Y tế');
  // Pickers fold diacritics: "tram y te" finds "Trạm Y tế".
  await d.getByRole('combobox', { name: 'Đơn vị' }).fill('tram y te');
  await page.getByRole('option', { name: 'Trạm Y tế' }).click();
  await d.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill(PASSWORD);
  await d.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('cell', { name: 'tyt.cb', exact: true })).toBeVisible();

  // The task, with its product; every form problem at once, each naming its field.
  await site.open('tasks/new');
  await expect(page.getByRole('heading', { name: 'Giao nhiệm vụ' })).toBeVisible();
  await pick(page, page, 'Lãnh đạo giao', /Nguyễn Văn Hùng/);
  const card = page.getByRole('group', { name: 'Nhiệm vụ 1' });
  await card.getByLabel('Hạn xử lý').fill('31/02/2026');
  await page.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'mục cần sửa' });
  await expect(summary).toContainText('Tên nhiệm vụ: chưa nhập.');
  await expect(summary).toContainText('Đơn vị chủ trì: chưa chọn.');
  await expect(summary).toContainText('Hạn xử lý: Ngày 31/02/2026 không có thật.');
  await expect(summary).not.toContainText('.;');
  await expect(card.getByText('Tên nhiệm vụ: chưa nhập.')).toBeVisible();
  await site.shot('clerk-01-task-form-errors');
  await card.getByLabel('Tên nhiệm vụ').fill(TITLE);
  await card.getByLabel('Sản phẩm (kết quả phải có)').fill('Báo cáo gửi UBND xã');
  await card.getByRole('combobox', { name: 'Đơn vị chủ trì' }).fill('tram y te');
  await page.getByRole('option', { name: 'Trạm Y tế' }).click();
  await card.getByLabel('Hạn xử lý').fill('20/03/2026');
  await page.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
  await expect(page.getByText('Đã giao nhiệm vụ.')).toBeVisible();
  await expect(page.getByText('Báo cáo gửi UBND xã')).toBeVisible();
  // A second task, assigned by Phòng Kinh tế: its acceptance will be late, and the follow-up addresses Phòng Kinh tế.
  await site.open('tasks/new');
  await pick(page, page, 'Cơ quan giao', 'Phòng Kinh tế');
  const card2 = page.getByRole('group', { name: 'Nhiệm vụ 1' });
  await card2.getByLabel('Tên nhiệm vụ').fill(TITLE2);
  await card2.getByLabel('Sản phẩm (kết quả phải có)').fill('Biên bản kiểm tra');
  await card2.getByRole('combobox', { name: 'Đơn vị chủ trì' }).fill('tram y te');
  await page.getByRole('option', { name: 'Trạm Y tế' }).click();
  await card2.getByLabel('Hạn xử lý').fill('27/03/2026');
  await page.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
  await expect(page.getByText('Đã giao nhiệm vụ.')).toBeVisible();

  // The lead unit; whoever signs in lands on Tổng quan, whatever screen was open before.
  await setToday(page, '2026-03-16');
  await switchTo(site, 'tyt.cb');
  await expect(page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible();
  // The task search finds it by the lead unit's name, on whole words without diacritics.
  await page.getByRole('link', { name: 'Nhiệm vụ', exact: true }).click();
  await page.getByLabel('Tìm kiếm').fill('tram y te');
  const list = page.getByRole('table', { name: 'Danh sách nhiệm vụ' });
  await expect(list.getByText(TITLE)).toBeVisible();
  await expect(list.getByText('Trạm Y tế').first()).toBeVisible();
  await expect(list.getByText('Sản phẩm yêu cầu: Báo cáo gửi UBND xã')).toBeVisible();
  await site.shot('clerk-02-task-list');
  await list.getByText(TITLE).click();
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();

  // A request upward linked to the task, started from the task.
  await page.getByRole('button', { name: 'Trình cấp trên' }).click();
  await expect(page.getByRole('heading', { name: 'Trình cấp trên' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Nhiệm vụ liên quan (nếu có)' })).toHaveValue(TITLE);
  await page.getByLabel('Trích yếu').fill('Xin bổ sung vắc xin cho đợt tiêm chủng');
  await page.getByLabel('Nội dung đề nghị').fill('Đề nghị Chủ tịch UBND xã đề nghị Trung tâm Y tế huyện cấp bổ sung 200 liều vắc xin.');
  await page.getByLabel('Vì sao vượt thẩm quyền của đơn vị (căn cứ pháp lý)').fill('Việc đề nghị cấp trên phân bổ vắc xin thuộc thẩm quyền của UBND xã.');
  await page.getByRole('button', { name: 'Trình', exact: true }).click();
  await expect(page.getByText('Đã trình đề nghị.')).toBeVisible();
  await openTask(page, TITLE);
  const linked = page.getByLabel('Lấy ý kiến, trình cấp trên liên quan');
  await expect(linked.getByText('Trình cấp trên: Xin bổ sung vắc xin cho đợt tiêm chủng')).toBeVisible();

  // Completion with its product: the task waits for the assigner.
  await page.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
  d = page.getByRole('dialog');
  await d.getByLabel('Kết quả thực hiện').fill('Đã tiêm cho 96% trẻ trong độ tuổi.');
  await d.getByLabel('Ngày hoàn thành').fill('12/03/2026');
  await expect(d.getByLabel('Sản phẩm đã có')).toHaveValue('Báo cáo gửi UBND xã');
  await d.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(d.getByRole('alert')).toContainText('Sản phẩm: ghi số và ngày văn bản sản phẩm hoặc đính kèm tệp sản phẩm.');
  await d.getByLabel('Số văn bản sản phẩm').fill('12/BC-TYT');
  await d.getByLabel('Ngày văn bản sản phẩm').fill('12/03/2026');
  await site.shot('clerk-03-completion-report');
  await d.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByText('Chờ cơ quan giao xác nhận hoàn thành')).toBeVisible();
  await expect(page.getByText('Báo cáo gửi UBND xã (số 12/BC-TYT ngày 12/03/2026)', { exact: true })).toBeVisible();
  await site.shot('clerk-04-task-awaiting');

  // The assigner returns it once, with a reason; the deciding leader defaults to the one who assigned.
  await setToday(page, '2026-03-17');
  await switchTo(site, ADMIN.username, ADMIN.password);
  await expect(page.getByText(/Có 1 báo cáo hoàn thành chờ cơ quan giao xác nhận/)).toBeVisible();
  await site.shot('clerk-05-dashboard');
  await openTask(page, TITLE);
  await page.getByRole('button', { name: 'Trả lại, yêu cầu bổ sung' }).click();
  d = page.getByRole('dialog');
  await expect(d.getByRole('combobox', { name: 'Lãnh đạo quyết định' })).toHaveValue(/Nguyễn Văn Hùng/);
  await d.getByLabel('Lý do trả lại, nội dung yêu cầu bổ sung').fill('Bổ sung số liệu theo từng thôn.');
  await site.shot('clerk-06-return');
  await d.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByText('Đã trả lại báo cáo hoàn thành, yêu cầu bổ sung.')).toBeVisible();
  // The authority answers the request upward from the task it is linked to.
  await page.getByLabel('Lấy ý kiến, trình cấp trên liên quan').getByText('Trình cấp trên: Xin bổ sung vắc xin cho đợt tiêm chủng').click();
  await expect(page.getByText(`Nhiệm vụ liên quan: ${TITLE}`)).toBeVisible();
  await page.getByRole('textbox', { name: 'Ý kiến quyết định' }).fill('Đồng ý; Văn phòng dự thảo công văn gửi Trung tâm Y tế.');
  await page.getByRole('button', { name: 'Ghi trả lời' }).click();
  await expect(page.getByText('Đã ghi ý kiến trả lời.')).toBeVisible();
  await site.shot('clerk-06b-upward-answered');
  await page.getByRole('button', { name: TITLE }).click();
  await expect(page.getByLabel('Lấy ý kiến, trình cấp trên liên quan')).toContainText('Đã có ý kiến quyết định');

  // Reported again on 19/03 (before the deadline 20/03), accepted on 25/03 with the decision document.
  await setToday(page, '2026-03-19');
  await switchTo(site, 'tyt.cb');
  await openTask(page, TITLE);
  await page.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
  d = page.getByRole('dialog');
  await d.getByLabel('Kết quả thực hiện').fill('Đã bổ sung số liệu từng thôn.');
  await d.getByLabel('Số văn bản sản phẩm').fill('15/BC-TYT');
  await d.getByLabel('Ngày văn bản sản phẩm').fill('19/03/2026');
  await d.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByText('Chờ cơ quan giao xác nhận hoàn thành')).toBeVisible();
  await openTask(page, TITLE2);
  await page.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
  d = page.getByRole('dialog');
  await d.getByLabel('Kết quả thực hiện').fill('Đã kiểm tra 12 cơ sở.');
  await d.getByLabel('Ngày hoàn thành').fill('19/03/2026');
  await d.getByLabel('Số văn bản sản phẩm').fill('03/BB-TYT');
  await d.getByLabel('Ngày văn bản sản phẩm').fill('19/03/2026');
  await d.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByText('Chờ cơ quan giao xác nhận hoàn thành')).toBeVisible();
  await setToday(page, '2026-03-25');
  await switchTo(site, ADMIN.username, ADMIN.password);
  await openTask(page, TITLE);
  await page.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
  d = page.getByRole('dialog');
  await d.getByLabel('Số văn bản quyết định (nếu có)').fill('45/TB-UBND');
  await d.getByLabel('Ngày văn bản quyết định').fill('25/03/2026');
  await site.shot('clerk-07-accept');
  await d.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByText('Đã xác nhận hoàn thành nhiệm vụ.')).toBeVisible();
  await expect(page.getByText('Hoàn thành đúng hạn').first()).toBeVisible();
  await expect(page.getByText('19/03/2026 (xác nhận 25/03/2026)')).toBeVisible();

  // Progress and history keep both decisions and print the deciding leader.
  await page.getByRole('tab', { name: /Tiến độ/ }).click();
  await expect(page.getByText('Trả lại, yêu cầu bổ sung. Lý do: Bổ sung số liệu theo từng thôn.', { exact: false })).toBeVisible();
  await expect(page.getByText('Lãnh đạo quyết định: Nguyễn Văn Hùng (văn bản số 45/TB-UBND ngày 25/03/2026).')).toBeVisible();
  await expect(page.getByText('Lãnh đạo quyết định: Nguyễn Văn Hùng.')).toBeVisible();
  await site.shot('clerk-08-task-done-progress');
  await page.getByRole('tab', { name: 'Lịch sử' }).click();
  const history = page.getByRole('table', { name: 'Lịch sử thay đổi' });
  await expect(history.getByRole('row').filter({ hasText: 'Trả lại báo cáo hoàn thành' }).filter({ hasText: 'Lãnh đạo quyết định: Nguyễn Văn Hùng' })).toHaveCount(1);
  await expect(history.getByRole('row').filter({ hasText: 'Xác nhận hoàn thành' }).filter({ hasText: 'Số văn bản quyết định: 45/TB-UBND' })).toHaveCount(1);
  await expect(history.getByRole('row').filter({ hasText: 'Báo cáo hoàn thành' }).filter({ hasText: 'tyt.cb' })).toHaveCount(2);
  await site.shot('clerk-09-task-history');

  // On 01/04 the report defaults to quý I, cut off on 31/03. Judged at the report date (the default): on time.
  await setToday(page, '2026-04-01');
  await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Ngày chốt số liệu' })).toHaveValue('31/03/2026');
  await expect(page.getByRole('combobox', { name: 'Quý' })).toHaveValue('Quý I');
  await page.getByRole('button', { name: 'Lập báo cáo' }).click();
  await expect(page.getByText(/đúng hạn 1, quá hạn 0/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/theo ngày hoàn thành đơn vị chủ trì báo cáo/)).toBeVisible();
  await expect(page.getByText(/tỷ lệ hoàn thành đúng hạn trên số nhiệm vụ đã hoàn thành: 100,00% \(1\/1\)/)).toBeVisible();
  await site.shot('clerk-10-report-at-report-date');

  // The setting judges at the acceptance (25/03, after the deadline 20/03): late; the report says so.
  await page.getByRole('link', { name: 'Tiêu chí đánh giá' }).click();
  await page.getByLabel('Theo ngày cơ quan giao xác nhận hoàn thành').check();
  await site.shot('clerk-11-settings');
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(page.getByText('Đã lưu cài đặt theo dõi nhiệm vụ.')).toBeVisible();
  await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
  await page.getByRole('button', { name: 'Lập báo cáo' }).click();
  await expect(page.getByText(/đúng hạn 0, quá hạn 1/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/theo ngày cơ quan giao xác nhận hoàn thành/).first()).toBeVisible();
  await site.shot('clerk-12-report-at-acceptance');
  // The period's decisions, each with the deciding leader and the decision document; the product delivered.
  await page.getByRole('tab', { name: /Quyết định trong kỳ \(2\)/ }).click();
  const decisions = page.getByRole('table', { name: 'Quyết định trong kỳ' });
  await expect(decisions.getByText('Trả lại, yêu cầu bổ sung. Lý do: Bổ sung số liệu theo từng thôn.')).toBeVisible();
  await expect(decisions.getByText('Xác nhận hoàn thành (ngày hoàn thành 19/03/2026); sản phẩm: Báo cáo gửi UBND xã (số 15/BC-TYT ngày 19/03/2026)')).toBeVisible();
  await expect(decisions.getByText('Nguyễn Văn Hùng, Chủ tịch UBND; Số 45/TB-UBND ngày 25/03/2026')).toBeVisible();
  await site.shot('clerk-12b-report-decisions');
  // Issuing: the signing title is a field of its own, prefilled "Chủ tịch" (not "Chủ tịch UBND"), printed as shown.
  await page.getByRole('button', { name: 'Phát hành báo cáo' }).click();
  d = page.getByRole('dialog', { name: 'Phát hành báo cáo' });
  await expect(d.getByLabel('Chức vụ ký')).toHaveValue('Chủ tịch');
  await expect(d.getByLabel('Quyền hạn, chức vụ người ký in trên văn bản')).toContainText('TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH');
  await d.getByLabel('Chức vụ ký').fill('Phó Chủ tịch thường trực');
  await expect(d.getByLabel('Quyền hạn, chức vụ người ký in trên văn bản')).toContainText('PHÓ CHỦ TỊCH THƯỜNG TRỰC');
  await site.shot('clerk-12c-issue-signing-title');
  await d.getByRole('button', { name: 'Hủy' }).click();

  await page.getByRole('link', { name: 'Đánh giá, xếp loại' }).click();
  await page.getByRole('button', { name: 'Xếp loại', exact: true }).click();
  const ranking = page.getByRole('table', { name: 'Kết quả xếp loại' });
  await expect(ranking).toBeVisible({ timeout: 60_000 });
  await expect(ranking.getByText('Trạm Y tế')).toBeVisible();
  await ranking.getByRole('button', { name: /^Vì sao/ }).first().click();
  await expect(page.getByRole('dialog').getByText('Hoàn thành quá hạn').first()).toBeVisible();
  await site.shot('clerk-13-ranking-why');
  await page.keyboard.press('Escape');

  // On 01/04 Phòng Kinh tế has sat on the 19/03 completion report past 5 working days: the follow-up addresses it.
  await page.getByRole('link', { name: 'Đôn đốc', exact: true }).click();
  const units = page.getByRole('table', { name: 'Đơn vị cần đôn đốc' });
  await units.getByText('Phòng Kinh tế').click();
  await expect(page.getByText('Phòng Kinh tế: 0 quá hạn, 0 sắp đến hạn, 1 chậm xác nhận hoàn thành')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Nhiệm vụ của Phòng Kinh tế' }).getByText(/Chậm xác nhận \d+ ngày/)).toBeVisible();
  await site.shot('clerk-14-followup-late-assigner');
  await page.getByRole('button', { name: 'Lập công văn đôn đốc' }).click();
  d = page.getByRole('dialog');
  const preview = d.frameLocator('iframe');
  await expect(preview.getByText(/đôn đốc xác nhận hoàn thành/)).toBeVisible();
  await expect(preview.getByText('Trạm Y tế đã báo cáo hoàn thành ngày 19/03/2026; chưa được xác nhận, quá thời hạn xác nhận')).toBeVisible();
  await site.shot('clerk-15-followup-letter-late-assigner');
  await page.keyboard.press('Escape');

  // The other forms show every problem at once, beside its field and in a summary, each naming its field.
  await page.getByRole('link', { name: 'Văn bản chỉ đạo' }).click();
  await page.getByRole('button', { name: 'Vào sổ văn bản' }).click();
  d = page.getByRole('dialog');
  await d.getByLabel('Ngày ban hành').fill('31/02/2026');
  await d.getByRole('button', { name: 'Lưu' }).click();
  let errs = d.getByRole('alert').filter({ hasText: 'mục cần sửa' });
  await expect(errs).toContainText('Ngày ban hành: Ngày 31/02/2026 không có thật.');
  await expect(errs).toContainText('Cơ quan ban hành: chưa nhập.');
  await expect(errs).toContainText('Trích yếu: chưa nhập.');
  await site.shot('clerk-16-directive-form-errors');
  await d.getByRole('button', { name: 'Hủy' }).click();
  await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
  await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
  d = page.getByRole('dialog');
  await d.getByLabel('Hiệu lực từ ngày').fill('30/02/2026');
  await d.getByRole('button', { name: 'Lưu' }).click();
  errs = d.getByRole('alert').filter({ hasText: 'mục cần sửa' });
  await expect(errs).toContainText('Tên đơn vị: chưa nhập.');
  await expect(errs).toContainText('Hiệu lực từ ngày: Ngày 30/02/2026 không có thật.');
  await site.shot('clerk-17-unit-form-errors');
  await d.getByRole('button', { name: 'Hủy' }).click();
  await page.getByRole('link', { name: 'Cán bộ, công chức' }).click();
  await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
  d = page.getByRole('dialog');
  await d.getByRole('button', { name: 'Lưu' }).click();
  errs = d.getByRole('alert').filter({ hasText: 'mục cần sửa' });
  await expect(errs).toContainText('Họ và tên: chưa nhập.');
  await expect(errs).toContainText('Chức vụ thứ 1 – đơn vị: chưa chọn.');
  await site.shot('clerk-18-official-form-errors');
  await d.getByRole('button', { name: 'Hủy' }).click();
  await site.open('consultations/new');
  await page.getByRole('button', { name: 'Gửi lấy ý kiến' }).click();
  errs = page.getByRole('alert').filter({ hasText: 'mục cần sửa' });
  await expect(errs).toContainText('Trích yếu: chưa nhập.');
  await expect(errs).toContainText('Đơn vị được lấy ý kiến: chọn ít nhất một đơn vị được lấy ý kiến.');
  await expect(errs).not.toContainText('.;');
  await site.shot('clerk-19-consultation-form-errors');
  await site.open('consultations/upward/new');
  await page.getByRole('button', { name: 'Trình', exact: true }).click();
  errs = page.getByRole('alert').filter({ hasText: 'mục cần sửa' });
  await expect(errs).toContainText('Trích yếu: chưa nhập.');
  await expect(errs).toContainText('Nội dung đề nghị: chưa nhập.');
  await site.shot('clerk-20-upward-form-errors');
});
