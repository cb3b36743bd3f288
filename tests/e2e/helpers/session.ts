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
