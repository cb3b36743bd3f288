/**
 * Follow-up centre end to end: demo data → Đôn đốc groups units with overdue counts → one
 * unit's công văn issued as 01 and saved (.docx checked, and rendered by LibreOffice) → the
 * task shows "Đã đôn đốc lần 1" → the batch issues the other units' letters with consecutive
 * numbers into a folder → the next day's start-up notice is recorded → a week later the unit's
 * second reminder ("lần thứ 2") → a week after that the report to the Chair (the office's báo cáo).
 *
 * "Today" is controlled with Playwright's clock (page.clock.setFixedTime), as tasks.spec does:
 * the screens and commands read the date from `new Date()`; each move is followed by a reload.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { firstRun } from './helpers/firstRun';
import { loadSmallDemo } from './helpers/session';
import { documentText } from './helpers/docx';

const SCREENSHOTS = resolve(import.meta.dirname, 'screenshots');

/**
 * The first-run wizard (as in foundation.spec.ts), for a provincial committee: the demo data is a
 * province whose root becomes this committee (a commune name here would collide with a demo commune).
 */
async function setToday(page: Page, date: string): Promise<void> {
  await page.clock.setFixedTime(new Date(`${date}T09:00:00+07:00`));
  await page.reload();
  await expect(page.getByRole('button', { name: 'Tài khoản' })).toBeVisible();
}

/** A row of the local meta table, read straight from IndexedDB. */
function readMeta(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (k) =>
      new Promise((resolveValue, reject) => {
        const open = indexedDB.open('dondoc');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get(k);
          get.onsuccess = () => {
            resolveValue((get.result as { value?: unknown } | undefined)?.value ?? null);
            open.result.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
    key,
  );
}


test('demo data → units grouped → one unit’s công văn 01 → batch with consecutive numbers → daily notice → second reminder → report to the Chair', async ({ site, tmp }) => {
  test.setTimeout(300_000);
  const { page } = site;
  await page.clock.setFixedTime(new Date('2026-03-02T09:00:00+07:00'));
  await firstRun(site, { authorityName: 'Ủy ban nhân dân tỉnh Cao Bằng', parentName: '' });

  // Demo data (small) from the dashboard card.
  await loadSmallDemo(page);

  // The centre: units grouped by lead unit with overdue counts, most overdue first.
  await page.getByRole('link', { name: 'Đôn đốc', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Đôn đốc thực hiện nhiệm vụ' })).toBeVisible();
  const units = page.getByRole('table', { name: 'Đơn vị cần đôn đốc' });
  await expect(units.getByRole('row').nth(1)).toBeVisible();
  const firstRow = units.getByRole('row').nth(1);
  const unitName = (await firstRow.getByRole('cell').nth(0).innerText()).split('\n')[0].trim();
  const overdueCount = Number((await firstRow.getByRole('cell').nth(1).innerText()).trim());
  expect(overdueCount).toBeGreaterThan(0);
  // The committee's own tasks are not urged by letter to itself.
  expect(unitName).not.toBe('Ủy ban nhân dân tỉnh Cao Bằng');
  const counts = await units.getByRole('row').evaluateAll((rows) => rows.slice(1).map((r) => Number(r.querySelectorAll('[role=cell]')[1]?.textContent ?? '0')));
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  const totalOverdue = Number((await page.getByLabel('Nhiệm vụ quá hạn', { exact: true }).innerText()).replace(/\./g, ''));
  expect(totalOverdue).toBeGreaterThanOrEqual(overdueCount);
  await site.shot('followup-centre');

  // The unit's tasks, each not yet followed up.
  const tasks = page.getByRole('table', { name: `Nhiệm vụ của ${unitName}` });
  await expect(tasks).toContainText('Chưa đôn đốc');
  const titles = (await tasks.getByRole('link').allInnerTexts()).slice(0, 3).map((t) => t.trim());
  expect(titles.length).toBeGreaterThan(0);

  // One unit's công văn: issued with number 01 and saved as .docx.
  const docx = join(tmp, 'don-doc-01.docx');
  site.dialogs.savePaths.push(docx);
  await page.getByRole('button', { name: 'Lập công văn đôn đốc' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('combobox', { name: 'Người ký' })).toBeVisible();
  await expect(dialog).toContainText(/Công văn liệt kê \d+ nhiệm vụ \(đôn đốc lần 1\)/);
  await expect(dialog.frameLocator('iframe[title="Xem trước công văn đôn đốc"]').getByText(/Kính gửi/)).toBeVisible();
  await expect(dialog.getByRole('table', { name: 'Nhiệm vụ trong công văn' })).toContainText(titles[0]);
  await site.shot('followup-unit-letter');
  await dialog.getByRole('button', { name: 'Phát hành và lưu .docx' }).click();
  await expect(page.getByText(/Đã phát hành công văn 01\/UBND-/).first()).toBeVisible();
  await expect.poll(() => existsSync(docx)).toBe(true);
  const text = documentText(await readFile(docx));
  for (const t of titles) expect(text).toContain(t);
  expect(text).toContain(unitName);
  expect(text).toContain('V/v đôn đốc thực hiện các nhiệm vụ quá hạn');

  // The letter as LibreOffice renders it.
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', tmp, docx], { stdio: 'ignore', timeout: 120_000 });
  const pdf = join(tmp, 'don-doc-01.pdf');
  const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(pdfText).toContain('Số: 01/UBND-');
  expect(pdfText).toContain('Văn bản giao');
  expect(pdfText).toContain(`Kính gửi: ${unitName}`);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, join(SCREENSHOTS, 'followup-letter')]);

  // The task now shows its first rung, with the letter's number.
  await expect(tasks.getByText('Đã đôn đốc lần 1').first()).toBeVisible();
  await expect(tasks).toContainText(/Số 01\/UBND-/);
  await expect(tasks).not.toContainText('Chưa đôn đốc');

  // Batch: the other units with overdue tasks, consecutive numbers from 02, one folder.
  const folder = join(tmp, 'dot-don-doc');
  await mkdir(folder);
  site.dialogs.folders.push(folder);
  await page.getByRole('button', { name: 'Đôn đốc hàng loạt' }).click();
  const batch = page.getByRole('dialog');
  const planned = batch.getByRole('table', { name: 'Đơn vị sẽ nhận công văn' });
  await expect(planned).toBeVisible();
  // The unit reminded a moment ago is not written to again.
  await expect(planned).not.toContainText(unitName);
  const letterCount = (await planned.getByRole('row').count()) - 1;
  expect(letterCount).toBeGreaterThan(0);
  await batch.getByRole('button', { name: `Phát hành ${letterCount} công văn` }).click();
  await expect(batch.getByText(`Đã phát hành ${letterCount} công văn đôn đốc`)).toBeVisible();
  await expect(batch).toContainText('Các tệp .docx đã được lưu.');
  await site.shot('followup-batch');
  const issuedNumbers = (await batch.getByRole('table', { name: 'Công văn đã phát hành' }).getByRole('row').allInnerTexts()).slice(1).map((r) => Number(/^(\d+)\//.exec(r.trim())?.[1]));
  expect(issuedNumbers).toEqual(Array.from({ length: letterCount }, (_, i) => i + 2));
  const files = (await readdir(folder)).filter((f) => f.endsWith('.docx')).sort();
  expect(files).toHaveLength(letterCount);
  expect(files.map((f) => Number(f.slice(0, 2)))).toEqual(issuedNumbers);
  for (const f of files) expect(documentText(await readFile(join(folder, f)))).toContain('đôn đốc');
  await batch.getByRole('button', { name: 'Đóng' }).click();

  // Nothing left to remind today: every unit waits for its next rung.
  await expect(page.getByLabel('Đơn vị cần đôn đốc hôm nay', { exact: true })).toHaveText('0');

  // The register holds 01..N+1 in order.
  await page.getByRole('link', { name: 'Sổ văn bản đi' }).click();
  await expect(page.getByText(`${String(letterCount + 1).padStart(2, '0')}/UBND-`, { exact: false }).first()).toBeVisible();

  // Pending longest: open tasks by age, with or without a deadline.
  await page.getByRole('link', { name: 'Đôn đốc', exact: true }).click();
  await page.getByText('Tồn đọng lâu nhất').click();
  await expect(page.getByRole('table', { name: 'Nhiệm vụ tồn đọng lâu nhất' }).getByRole('row').nth(1)).toBeVisible();
  await site.shot('followup-pending');

  // Next morning: the start-up notice summarises the day, once.
  await setToday(page, '2026-03-03');
  // The day is claimed first (body still null), then the summary is recorded.
  await expect.poll(async () => ((await readMeta(page, 'followUp.dailyNotice')) as { body?: string | null } | null)?.body ?? null).toMatch(/^\d+ nhiệm vụ quá hạn, \d+ sắp đến hạn, \d+ đơn vị cần đôn đốc/);
  const notice = (await readMeta(page, 'followUp.dailyNotice')) as { date: string; body: string; shown: boolean };
  expect(notice.date).toBe('2026-03-03');
  // The browser harness has no notification centre (the silent default notifier).
  expect(notice.shown).toBe(false);

  // A week later the same unit is due its second reminder (5 working days after 02/03)…
  await setToday(page, '2026-03-09');
  await page.getByRole('link', { name: 'Đôn đốc', exact: true }).click();
  await units.getByText(unitName, { exact: true }).click();
  site.dialogs.savePaths.push(join(tmp, 'don-doc-lan-2.docx'));
  await page.getByRole('button', { name: 'Lập công văn đôn đốc' }).click();
  await expect(page.getByRole('dialog')).toContainText('(đôn đốc lần 2)');
  await page.getByRole('dialog').getByRole('button', { name: 'Phát hành và lưu .docx' }).click();
  await expect(page.getByText(`Đã phát hành công văn ${String(letterCount + 2).padStart(2, '0')}/UBND-`).first()).toBeVisible();
  expect(documentText(await readFile(join(tmp, 'don-doc-lan-2.docx')))).toContain('Đây là lần thứ 2');
  await expect(tasks.getByText('Đã đôn đốc lần 2').first()).toBeVisible();

  // …and a week after that, its tasks go to the Chair in the office's own báo cáo.
  await setToday(page, '2026-03-16');
  await page.getByRole('link', { name: 'Đôn đốc', exact: true }).click();
  await page.getByRole('button', { name: /^Báo cáo Chủ tịch \([1-9]/ }).click();
  const report = page.getByRole('dialog');
  await expect(report.getByRole('table', { name: 'Nhiệm vụ báo cáo Chủ tịch' })).toContainText(titles[0]);
  const reportDocx = join(tmp, 'bao-cao-chu-tich.docx');
  site.dialogs.savePaths.push(reportDocx);
  await report.getByRole('button', { name: 'Phát hành báo cáo và lưu .docx' }).click();
  await expect(page.getByText(/Đã phát hành báo cáo 01\/BC-/).first()).toBeVisible();
  const reportText = documentText(await readFile(reportDocx));
  expect(reportText).toContain(titles[0]);
  expect(reportText).toContain(unitName);
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', tmp, reportDocx], { stdio: 'ignore', timeout: 120_000 });
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', join(tmp, 'bao-cao-chu-tich.pdf'), join(SCREENSHOTS, 'followup-chair-report')]);
  await units.getByText(unitName, { exact: true }).click();
  await expect(tasks.getByText('Đã báo cáo Chủ tịch').first()).toBeVisible();
});
