/**
 * Reports end to end: demo data → a quarterly report (table, charts) → Excel and the issued
 * báo cáo (.docx, numbered, snapshotted) checked in LibreOffice and exceljs → ranking with "why"
 * → a commendation recorded from the proposals → the unit's record. Screens at 1366×768.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { test, expect, type Site } from './fixtures';
import { firstRun } from './helpers/firstRun';

const SHOTS = resolve(import.meta.dirname, 'screenshots');

async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Hides the toasts while the screenshot is taken so they do not cover the screen. */
async function shot(site: Site, name: string): Promise<void> {
  const style = await site.page.addStyleTag({ content: '.mantine-Notifications-root { display: none !important; }' });
  await site.shot(name);
  await style.evaluate((el) => (el as unknown as { remove(): void }).remove());
}

/** The cells of the totals row of a table with that accessible name, as text. */
async function totalsRow(page: Page, table: string): Promise<string[]> {
  const row = page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: 'Tổng cộng' });
  return (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
}

test('demo data → quarterly report, charts → Excel, issued .docx with snapshot → ranking, why → commendation', async ({ site, tmp }) => {
  test.setTimeout(420_000);
  const { page } = site;
  await page.clock.setFixedTime(new Date('2026-11-27T09:00:00+07:00'));
  await firstRun(site);

  await page.getByRole('link', { name: 'Tiêu chí đánh giá' }).click();
  await page.getByText('Nhỏ (300 nhiệm vụ)').click();
  await page.getByRole('button', { name: 'Nạp dữ liệu mẫu' }).click();
  await expect(page.getByText(/Đã nạp dữ liệu mẫu: .* 300 nhiệm vụ/)).toBeVisible({ timeout: 240_000 });

  // A signer for the báo cáo.
  await page.getByRole('link', { name: 'Thể thức văn bản' }).click();
  await page.getByRole('button', { name: 'Thêm người ký' }).click();
  await page.getByLabel('Họ và tên người ký 1').fill('Nông Văn Bình');
  await page.getByLabel('Chức vụ người ký 1').fill('Chủ tịch');
  await page.getByRole('button', { name: 'Lưu thể thức' }).click();
  await expect(page.getByText('Đã lưu thể thức văn bản.')).toBeVisible();

  // Quarterly report: quý III/2026, figures as of 30/09/2026.
  await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Báo cáo kết quả thực hiện nhiệm vụ' })).toBeVisible();
  await pick(page, 'Quý', 'Quý III');
  await expect(page.getByLabel('Ngày chốt số liệu')).toHaveValue('30/09/2026');
  await page.getByRole('button', { name: 'Lập báo cáo' }).click();
  const table = page.getByRole('table', { name: 'Kết quả theo đơn vị chủ trì' });
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/Báo cáo quý III năm 2026 · Tất cả đơn vị · chốt số liệu ngày 30\/09\/2026/)).toBeVisible();
  const totals = await totalsRow(page, 'Kết quả theo đơn vị chủ trì');
  // [STT, "Tổng cộng", total, seven categories (the fourth: waiting for acceptance), completion rate, on-time share of completions, overdue share]
  const shown = totals.slice(2, 10).map((t) => Number(t.replace(/\./g, '')));
  await expect(page.getByText(/Tỷ lệ hoàn thành đúng hạn trên số nhiệm vụ đã hoàn thành = Hoàn thành đúng hạn \/ \(Hoàn thành đúng hạn \+ Hoàn thành quá hạn\)/)).toBeVisible();
  expect(shown[0]).toBeGreaterThan(0);
  expect(shown.slice(1).reduce((a, b) => a + b, 0)).toBe(shown[0]);
  await expect(page.getByText(/Tỷ lệ nhiệm vụ đến hạn đã hoàn thành = \(Hoàn thành đúng hạn \+ Hoàn thành quá hạn\)/)).toBeVisible();
  await shot(site, 'reports-table');

  await page.getByRole('tab', { name: 'Biểu đồ' }).click();
  await expect(page.getByLabel('Biểu đồ phân loại nhiệm vụ theo đơn vị').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByLabel('Biểu đồ tỷ lệ theo tháng').locator('.recharts-line')).toBeVisible();
  await shot(site, 'reports-charts');
  await page.getByRole('tab', { name: /Nhiệm vụ quá hạn/ }).click();
  await expect(page.getByRole('table', { name: 'Nhiệm vụ quá hạn' })).toBeVisible();
  await page.getByRole('tab', { name: 'Kết quả theo đơn vị' }).click();

  // Excel: the totals row read back equals the screen.
  const xlsx = join(tmp, 'bao-cao-quy-3.xlsx');
  site.dialogs.savePaths.push(xlsx);
  await page.getByRole('button', { name: 'Xuất Excel' }).click();
  await expect(page.getByText(`Đã lưu ${xlsx}`)).toBeVisible();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const ws = wb.getWorksheet('Tổng hợp theo đơn vị')!;
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  const last = ws.getRow(ws.rowCount);
  expect(last.getCell(2).value).toBe('Tổng cộng');
  expect([3, 5, 6, 7, 8, 9, 10, 11].map((c) => last.getCell(c).value)).toEqual(shown);

  // Issue: numbered in the register, snapshot stored, .docx saved.
  const docx = join(tmp, 'bao-cao-quy-3.docx');
  site.dialogs.savePaths.push(docx);
  await page.getByRole('button', { name: 'Phát hành báo cáo' }).click();
  await page.getByLabel('IV. Kiến nghị, đề xuất').fill('Đề nghị các đơn vị có nhiệm vụ quá hạn khẩn trương hoàn thành.');
  await page.getByRole('button', { name: 'Cấp số, phát hành và lưu .docx' }).click();
  // Sections II and III are empty: refused until they are filled or omitted.
  await expect(page.getByRole('dialog').getByText('Chưa phát hành được: II. Tồn tại, hạn chế và nguyên nhân; III. Nhiệm vụ, giải pháp trong thời gian tới còn trống.', { exact: false })).toBeVisible();
  await shot(site, 'reports-issue-refused');
  await page.getByLabel('Bỏ các mục để trống (báo cáo không in tiêu đề các mục đó)').check();
  await page.getByRole('button', { name: 'Cấp số, phát hành và lưu .docx' }).click();
  await expect(page.getByText(/Đã phát hành báo cáo số 01\/BC-UBND/)).toBeVisible();
  await expect(page.getByText('Số liệu hiện nay khớp với báo cáo đã phát hành')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('heading', { name: /Số 01 — Báo cáo kết quả thực hiện nhiệm vụ được giao quý III năm 2026/ })).toBeVisible();
  expect(await totalsRow(page, 'Kết quả theo đơn vị chủ trì')).toEqual(totals);
  await shot(site, 'reports-issued');
  await expect.poll(() => existsSync(docx)).toBe(true);
  execFileSync('soffice', [`-env:UserInstallation=file://${join(tmp, 'lo')}`, '--headless', '--convert-to', 'pdf', '--outdir', tmp, docx], { timeout: 170_000, stdio: 'ignore' });
  const pdf = docx.replace(/\.docx$/, '.pdf');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
  expect(text).toContain('Số: 01/BC-UBND');
  // The letter prints the waiting column only when a task waits, and its rate columns say "(%)".
  const letterTotals = [totals[2], ...totals.slice(3, 10).filter((_, i) => i !== 3 || totals[6] !== '0'), ...totals.slice(10).map((r) => r.replace('%', ''))];
  expect(text).toContain(`Tổng cộng ${letterTotals.join(' ')}`);
  expect(text).not.toContain('bổ sung.)');
  execFileSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '3', pdf, join(SHOTS, 'reports-docx')]);

  // Ranking for the same quarter; why a unit got its level.
  await page.getByRole('link', { name: 'Đánh giá, xếp loại' }).click();
  await pick(page, 'Quý', 'Quý III');
  await page.getByRole('button', { name: 'Xếp loại', exact: true }).click();
  const ranking = page.getByRole('table', { name: 'Kết quả xếp loại' });
  await expect(ranking).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Xếp loại', exact: true })).not.toHaveAttribute('data-loading');
  await expect(page.getByText(/Hoàn thành tốt nhiệm vụ: Tỷ lệ hoàn thành đúng hạn ≥ 90% và Tỷ lệ quá hạn chưa hoàn thành < 10%/)).toBeVisible();
  await shot(site, 'ranking');
  await ranking.getByRole('button', { name: /^Vì sao/ }).first().click();
  const why = page.getByRole('dialog');
  await expect(why.getByText(/nhiệm vụ được tính$/)).toBeVisible();
  await expect(why.getByRole('table', { name: 'Nhiệm vụ được tính' })).toBeVisible();
  await shot(site, 'ranking-why');
  await why.getByRole('button', { name: 'Đóng' }).or(page.locator('.mantine-Modal-close')).first().click();

  // A commendation, from the proposals; a person fills in the decision.
  const proposals = page.getByText('Đề xuất biểu dương, khen thưởng').locator('..');
  const first = proposals.getByRole('button', { name: /^Ghi nhận / }).first();
  const unitName = ((await first.getAttribute('aria-label')) ?? '').replace(/^Ghi nhận /, '');
  await first.click();
  const form = page.getByRole('dialog', { name: 'Ghi nhận kiểm điểm, biểu dương, khen thưởng' });
  await expect(form.getByLabel('Lý do')).toHaveValue(/xếp loại "Hoàn thành/);
  await form.getByLabel('Số quyết định / văn bản').fill('125/QĐ-UBND');
  await form.getByLabel('Ngày quyết định').fill('05/10/2026');
  await form.getByLabel('Người quyết định').fill('Chủ tịch UBND xã');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByText('Đã ghi nhận: biểu dương.')).toBeVisible();

  await page.getByRole('link', { name: 'Kiểm điểm, khen thưởng' }).click();
  const records = page.getByRole('table', { name: 'Bản ghi kiểm điểm, khen thưởng' });
  await expect(records.getByText(unitName)).toBeVisible();
  await expect(records.getByText('125/QĐ-UBND ngày 05/10/2026')).toBeVisible();
  await records.getByText(unitName).click();
  await expect(page.getByRole('heading', { name: unitName })).toBeVisible();
  await expect(page.getByText('Biểu dương: 1')).toBeVisible();
  await shot(site, 'accountability-unit');
});
