/** Signing in and out, moving "today", picking options and opening a task: shared by the task specs. */
import type { Page } from '@playwright/test';
import { expect, type Site } from '../fixtures';

export const PASSWORD = 'matkhau-don-vi';

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Tài khoản' }).click();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('button', { name: 'Tài khoản' })).toBeVisible();
}

export async function switchTo(site: Site, username: string, password = PASSWORD): Promise<void> {
  await logout(site.page);
  await login(site.page, username, password);
}

/** Moves "today" and reloads so every screen reads the new date. */
export async function setToday(page: Page, date: string): Promise<void> {
  await page.clock.setFixedTime(new Date(`${date}T09:00:00+07:00`));
  await page.reload();
  await expect(page.getByRole('button', { name: 'Tài khoản' })).toBeVisible();
}

export async function pick(page: Page, scope: ReturnType<Page['getByRole']> | Page, label: string, option: string | RegExp): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
}

export async function openTask(page: Page, title: string): Promise<void> {
  await page.getByRole('link', { name: 'Nhiệm vụ', exact: true }).click();
  // The list opens on tasks still open; completed ones are under "Tất cả".
  await page.getByText('Tất cả', { exact: true }).click();
  await page.getByRole('table', { name: 'Danh sách nhiệm vụ' }).getByText(title, { exact: true }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
}

/** A unit's account through Cài đặt → Tài khoản → "Thêm tài khoản" (the page must show the accounts screen). */
export async function addUnitAccount(page: Page, account: { username: string; displayName: string; unit: string | RegExp; password?: string }): Promise<void> {
  await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
  const d = page.getByRole('dialog');
  await d.getByLabel('Tên đăng nhập').fill(account.username);
  await d.getByLabel('Họ và tên').fill(account.displayName);
  await pick(page, d, 'Đơn vị', account.unit);
  await d.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill(account.password ?? PASSWORD);
  await d.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('cell', { name: account.username, exact: true })).toBeVisible();
}

/** "Nạp dữ liệu mẫu" with the small set (300 tasks) from the card on the screen shown, waiting until it is loaded. */
export async function loadSmallDemo(page: Page, timeout = 120_000): Promise<void> {
  await page.getByText('Nhỏ (300 nhiệm vụ)').click();
  await page.getByRole('button', { name: 'Nạp dữ liệu mẫu' }).click();
  await expect(page.getByText(/Đã nạp dữ liệu mẫu: .* 300 nhiệm vụ/)).toBeVisible({ timeout });
}
