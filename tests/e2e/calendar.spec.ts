import { test, expect, type Site } from './fixtures';
import { firstRun as completeFirstRun } from './helpers/firstRun';
import { addWorkingDays, formatDateVi, holidaysOf, weekdayNameVi, type CalendarConfig } from '../../shared/calendar';

function firstRun(site: Site, siteRole: 'coordinator' | 'unit' = 'coordinator'): Promise<void> {
  return completeFirstRun(site, { siteRole });
}

const day = (site: Site, date: string) => site.page.locator(`[data-date="${date}"]`);
const longDate = (date: string) => `${weekdayNameVi(date)}, ${formatDateVi(date)}`;

test('Cài đặt → Lịch làm việc: the 2026 calendar, an extra day off and the deadline calculator', async ({ site }) => {
  const { page } = site;
  await firstRun(site);

  await page.getByRole('link', { name: 'Lịch làm việc' }).click();
  await expect(page.getByRole('heading', { name: /^Lịch làm việc năm \d{4}$/ })).toBeVisible();
  await page.getByRole('textbox', { name: 'Năm', exact: true }).fill('2026');
  await expect(page.getByRole('heading', { name: 'Lịch làm việc năm 2026' })).toBeVisible();
  await expect(page.getByText('Lịch chính thức')).toBeVisible();
  await expect(page.getByText('(năm Bính Ngọ)')).toBeVisible();

  // Tết: every scheduled Tết day is drawn as a day off; mùng 1 carries the lunar label 1/1.
  const holidays = holidaysOf(2026);
  const tet = holidays.filter((h) => h.name === 'Tết Âm lịch');
  expect(tet.length).toBeGreaterThanOrEqual(5);
  for (const h of tet) {
    await expect(day(site, h.date)).toHaveAttribute('data-kind', 'holiday');
    await expect(day(site, h.date)).toHaveAttribute('data-working', '0');
  }
  await expect(day(site, '2026-02-17')).toContainText('1/1');
  await expect(page.getByRole('list', { name: 'Ngày lễ năm 2026' })).toContainText(`${formatDateVi(tet[0].date).slice(0, 5)} – ${formatDateVi(tet[tet.length - 1].date).slice(0, 5)} Tết Âm lịch (${tet.length} ngày)`);
  // Worked Saturdays of the schedule, if the year has any.
  for (const h of holidays.filter((x) => x.kind === 'makeUpWorkday')) {
    await expect(day(site, h.date)).toHaveAttribute('data-kind', 'makeUpWorkday');
    await expect(day(site, h.date)).toHaveAttribute('data-working', '1');
  }
  // An ordinary Sunday and an ordinary Monday.
  await expect(day(site, '2026-03-08')).toHaveAttribute('data-kind', 'weekend');
  await expect(day(site, '2026-03-09')).toHaveAttribute('data-kind', 'workday');

  // The holiday name on hover.
  await day(site, '2026-02-18').hover();
  await expect(page.getByRole('tooltip')).toContainText('Tết Âm lịch');
  await expect(page.getByRole('tooltip')).toContainText('Âm lịch: 2 tháng Giêng năm Bính Ngọ');
  await page.mouse.move(5, 5);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Năm', exact: true }).blur();
  await site.shot('calendar-year-2026');

  // The calculator before the change.
  const calc = page.getByRole('group', { name: 'Tính hạn xử lý' }).or(page.locator('[aria-label="Tính hạn xử lý"]'));
  await calc.getByLabel('Ngày giao (ngày nhận)').fill('02/03/2026');
  await calc.getByLabel('Số ngày làm việc').fill('10');
  const before = addWorkingDays('2026-03-02', 10);
  await expect(page.getByTestId('deadline-result')).toContainText(`Hạn xử lý: ${longDate(before)}`);

  // An extra day off inside the span (Wed 11/03/2026).
  await day(site, '2026-03-11').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Theo lịch chung: Ngày làm việc');
  await expect(dialog.getByRole('radio', { name: 'Ngày nghỉ thêm' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Ngày làm bù' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Cần ghi chú lý do.');
  await dialog.getByLabel('Lý do').fill('Bầu cử đại biểu Hội đồng nhân dân xã');
  await site.shot('calendar-override-modal');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(day(site, '2026-03-11')).toHaveAttribute('data-kind', 'overrideDayOff');
  await expect(page.getByRole('list', { name: 'Điều chỉnh riêng' })).toContainText('11/03/2026 Ngày nghỉ thêm: Bầu cử đại biểu Hội đồng nhân dân xã');

  const config: CalendarConfig = { overrides: [{ date: '2026-03-11', kind: 'dayOff', note: 'Bầu cử đại biểu Hội đồng nhân dân xã' }] };
  const after = addWorkingDays('2026-03-02', 10, config);
  expect(after).toBe(addWorkingDays(before, 1));
  await expect(page.getByTestId('deadline-result')).toContainText(`Hạn xử lý: ${longDate(after)}`);

  // The reverse: as of the day before the old deadline, one more working day is left now.
  const check = page.locator('[aria-label="Kiểm tra thời hạn"]');
  await check.getByLabel('Hạn xử lý').fill(formatDateVi(after));
  await check.getByLabel('Tính đến ngày').fill(formatDateVi(before));
  await expect(page.getByTestId('deadline-check')).toContainText('Còn 1 ngày làm việc');
  await check.getByLabel('Tính đến ngày').fill(formatDateVi(after));
  await expect(page.getByTestId('deadline-check')).toContainText('Hạn hôm nay');
  await check.getByLabel('Tính đến ngày').fill('01/04/2026');
  await expect(page.getByTestId('deadline-check')).toContainText(/^Quá hạn \d+ ngày$/);
  await page.mouse.move(5, 5);
  await expect(page.getByText('Đã lưu điều chỉnh ngày 11/03/2026.')).toHaveCount(0);
  await page.getByTestId('calculator').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await site.shot('calendar-calculator');

  // Bad input: the calendar's message, never NaN.
  await calc.getByLabel('Số ngày làm việc').fill('mười');
  await expect(calc.getByRole('alert')).toContainText('Số ngày làm việc phải là một số');
  await calc.getByLabel('Số ngày làm việc').fill('10');
  await calc.getByLabel('Ngày giao (ngày nhận)').fill('31/02/2026');
  await expect(calc.getByRole('alert')).toHaveText('Ngày không hợp lệ: 31/02/2026');
  await calc.getByLabel('Ngày giao (ngày nhận)').fill('24/12/2100');
  await expect(calc.getByRole('alert')).toContainText('1900–2100');
  await expect(page.locator('body')).not.toContainText('NaN');

  // Removing the override brings the old deadline back.
  await calc.getByLabel('Ngày giao (ngày nhận)').fill('02/03/2026');
  await page.getByRole('list', { name: 'Điều chỉnh riêng' }).getByRole('button', { name: 'Sửa điều chỉnh ngày 11/03/2026' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Bỏ điều chỉnh' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('deadline-result')).toContainText(`Hạn xử lý: ${longDate(before)}`);
  await expect(day(site, '2026-03-11')).toHaveAttribute('data-kind', 'workday');

  // A year without an announced schedule is provisional; the arrows move by one year.
  await page.getByRole('textbox', { name: 'Năm', exact: true }).fill('2030');
  await expect(page.getByRole('heading', { name: 'Lịch làm việc năm 2030' })).toBeVisible();
  await expect(page.getByText('Lịch tạm tính')).toBeVisible();
  await page.getByRole('button', { name: 'Năm trước' }).click();
  await expect(page.getByRole('heading', { name: 'Lịch làm việc năm 2029' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Năm', exact: true })).toHaveValue('2029');
});

test('a unit office sees the calendar read-only, with the reason', async ({ site }) => {
  const { page } = site;
  await firstRun(site, 'unit');
  await site.open('calendar/2026');
  await expect(page.getByRole('heading', { name: 'Lịch làm việc năm 2026' })).toBeVisible();
  await expect(page.getByText(/^Chỉ xem\. Lịch làm việc dùng chung cho cả cơ quan, do Văn phòng điều phối điều chỉnh/)).toBeVisible();
  // Days are not buttons here, so there is nothing to click that does nothing.
  await expect(page.locator('button[data-date]')).toHaveCount(0);
  await expect(page.locator('div[data-date="2026-02-17"]')).toHaveAttribute('data-kind', 'holiday');
  await expect(page.getByRole('button', { name: /^Sửa điều chỉnh/ })).toHaveCount(0);
  // The calculator still works.
  await page.getByLabel('Ngày giao (ngày nhận)').fill('13/02/2026');
  await page.getByLabel('Số ngày làm việc').fill('1');
  await expect(page.getByTestId('deadline-result')).toContainText('Hạn xử lý: Thứ Hai, 23/02/2026');
});
