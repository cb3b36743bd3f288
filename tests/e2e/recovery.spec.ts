import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { ADMIN, firstRun } from './helpers/firstRun';

test('a deleted or hand-edited accounts file shows the recovery screen, never "create the first administrator"', async ({ site }) => {
  test.setTimeout(180_000);
  const { page } = site;
  await firstRun(site);
  const accounts = join(site.dataDir, 'accounts.json');
  const genuine = await readFile(accounts, 'utf8');
  await page.getByRole('button', { name: 'Tài khoản' }).click();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();

  // Hand edit: the administrator's display name changed outside the app.
  await writeFile(accounts, genuine.replace(ADMIN.displayName, 'Người khác'));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Cần khôi phục tài khoản' })).toBeVisible();
  await expect(page.getByText('Tệp tài khoản trên máy này đã bị sửa ngoài ứng dụng')).toBeVisible();
  await site.shot('recovery-tampered');

  // Deleted.
  await rm(accounts);
  await page.getByRole('button', { name: 'Kiểm tra lại' }).click();
  await expect(page.getByText('Tệp tài khoản trên máy này đã bị xóa hoặc di chuyển')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Thiết lập Đôn Đốc' })).toHaveCount(0);

  // Put back: signing in works again.
  await writeFile(accounts, genuine);
  await page.getByRole('button', { name: 'Kiểm tra lại' }).click();
  await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
  await page.getByLabel('Mật khẩu').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('button', { name: 'Tài khoản' })).toBeVisible();
});
