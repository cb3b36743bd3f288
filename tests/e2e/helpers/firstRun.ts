import { expect, type Site } from '../fixtures';

export const ADMIN = { username: 'lan.vt', password: 'matkhau-an-toan', displayName: 'Nông Thị Lan' };

export interface FirstRunOptions {
  authorityName?: string;
  parentName?: string;
  placeName?: string;
  /** The coordinating office (default) or a unit's office (which names no office: its units come from the coordinator). */
  siteRole?: 'coordinator' | 'unit';
  /** The coordinating office's own unit. */
  officeName?: string;
  /** Saves a screenshot of each wizard step under this prefix. */
  shots?: string;
}

/** The first-run wizard through the UI, ending on the landing page (Tổng quan). */
export async function firstRun(site: Pick<Site, 'page' | 'open' | 'shot'>, options: FirstRunOptions = {}): Promise<void> {
  const { page } = site;
  await site.open();
  await expect(page.getByRole('heading', { name: 'Thiết lập Đôn Đốc' })).toBeVisible();
  await page.getByLabel('Tên cơ quan (Ủy ban nhân dân)').fill(options.authorityName ?? 'Ủy ban nhân dân xã Hòa An');
  await page.getByLabel('Cơ quan cấp trên').fill(options.parentName ?? 'Ủy ban nhân dân tỉnh Cao Bằng');
  await page.getByLabel('Địa danh ghi trên văn bản').fill(options.placeName ?? 'Cao Bằng');
  if (options.shots) await site.shot(`${options.shots}-authority`);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(page.getByLabel('Tên văn phòng / đơn vị sử dụng máy')).toHaveValue('Văn phòng HĐND và UBND');
  if (options.siteRole === 'unit') {
    await page.getByRole('radio', { name: /Văn phòng của đơn vị/ }).check();
    await expect(page.getByText('Danh mục đơn vị do Văn phòng điều phối gửi đến')).toBeVisible();
    await expect(page.getByLabel('Tên văn phòng / đơn vị sử dụng máy')).toHaveCount(0);
  } else if (options.officeName) await page.getByLabel('Tên văn phòng / đơn vị sử dụng máy').fill(options.officeName);
  if (options.shots) await site.shot(`${options.shots}-office`);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByLabel('Họ và tên').fill(ADMIN.displayName);
  await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill(ADMIN.password);
  await page.getByLabel('Nhập lại mật khẩu').fill(ADMIN.password);
  if (options.shots) await site.shot(`${options.shots}-admin`);
  await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
  await expect(page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible();
}
