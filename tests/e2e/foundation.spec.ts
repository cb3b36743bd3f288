import { test, expect } from './fixtures';
import { importFile, registryWorkbook } from './helpers/registry';
import { firstRun } from './helpers/firstRun';

test('first run → admin → units and officials (form and .xlsx) → reload → logout/login keeps everything', async ({ site, tmp }) => {
  const { page } = site;
  await site.open();

  // First run wizard: a too-short password is refused with the reason, then it completes.
  await site.open();
  await expect(page.getByRole('heading', { name: 'Thiết lập Đôn Đốc' })).toBeVisible();
  await page.getByLabel('Tên cơ quan (Ủy ban nhân dân)').fill('Ủy ban nhân dân xã Hòa An');
  await page.getByLabel('Cơ quan cấp trên').fill('Ủy ban nhân dân tỉnh Cao Bằng');
  await page.getByLabel('Địa danh ghi trên văn bản').fill('Cao Bằng');
  await site.shot('01-setup-authority');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(page.getByLabel('Tên văn phòng / đơn vị sử dụng máy')).toHaveValue('Văn phòng HĐND và UBND');
  await site.shot('02-setup-office');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByLabel('Họ và tên').fill('Nông Thị Lan');
  await page.getByLabel('Tên đăng nhập').fill('lan.vt');
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('short');
  await page.getByLabel('Nhập lại mật khẩu').fill('short');
  await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
  await expect(page.getByRole('alert')).toContainText('Mật khẩu cần ít nhất 8 ký tự');
  await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('matkhau-an-toan');
  await page.getByLabel('Nhập lại mật khẩu').fill('matkhau-an-toan');
  await site.shot('03-setup-admin');
  await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
  await expect(page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible();
  await site.shot('04-dashboard-empty');
  await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();

  // The app shell with the registries.
  await expect(page.getByRole('heading', { name: 'Danh mục đơn vị' })).toBeVisible();
  await expect(page.getByText('Ủy ban nhân dân xã Hòa An').first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Văn phòng HĐND và UBND', exact: true })).toBeVisible();

  // A unit by the form.
  await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Tên đơn vị').fill('Phòng Kinh tế');
  await dialog.getByLabel('Tên viết tắt').fill('PKT');
  await dialog.getByLabel('Ký hiệu văn bản').fill('KT');
  await dialog.getByRole('combobox', { name: 'Đơn vị cấp trên' }).click();
  await page.getByRole('option', { name: 'Ủy ban nhân dân xã Hòa An' }).click();
  await site.shot('04b-unit-form');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('cell', { name: 'Phòng Kinh tế', exact: true })).toBeVisible();

  // Units by .xlsx import: first a file with a bad row (nothing imported), then a clean one.
  const bad = await registryWorkbook(tmp, 'don-vi-loi.xlsx', 'units', [
    ['Phòng Văn hóa - Xã hội', 'VHXH', 'Cơ quan chuyên môn / Phòng', 'VHXH', 'UBND', '01/07/2025', '', 3, 'Giáo dục; Y tế'],
    ['Thôn Nà Pò', 'NAPO', 'Thôn, tổ dân phố', '', 'KHONGCO', '31/02/2025', '', 9, ''],
  ]);
  await importFile(site, bad);
  const errors = page.getByRole('dialog', { name: /Tệp có lỗi/ });
  await expect(errors).toContainText('Hiệu lực từ ngày: Ngày 31/02/2025 không có thật.');
  await expect(errors.getByRole('cell', { name: '3', exact: true })).toBeVisible();
  await site.shot('05-import-errors');
  await errors.getByRole('button').first().click();
  await expect(page.getByRole('cell', { name: 'Phòng Văn hóa - Xã hội', exact: true })).toHaveCount(0);

  const good = await registryWorkbook(tmp, 'don-vi.xlsx', 'units', [
    ['Phòng Văn hóa - Xã hội', 'VHXH', 'Cơ quan chuyên môn / Phòng', 'VHXH', 'UBND', '01/07/2025', '', 3, 'Giáo dục; Y tế'],
    ['Trung tâm Phục vụ hành chính công', 'TTHCC', 'Trung tâm phục vụ hành chính công', 'TTHCC', 'UBND', '01/07/2025', '', 4, ''],
    ['Thôn Nà Pò', 'NAPO', 'Thôn, tổ dân phố', '', 'UBND', '01/07/2025', '', 9, ''],
  ]);
  await importFile(site, good);
  await expect(page.getByText('Đã nhập 3 đơn vị')).toBeVisible();
  await expect(page.getByRole('cell', { name: /^Phòng Văn hóa - Xã hội/ })).toBeVisible();
  // Diacritics-insensitive search.
  await page.getByLabel('Tìm đơn vị').fill('trung tam phuc vu');
  await expect(page.getByText('1 / 6 đơn vị')).toBeVisible();
  await page.getByLabel('Tìm đơn vị').fill('');
  await site.shot('06-units');

  // Officials: one by the form with two posts (kiêm nhiệm), more by .xlsx.
  await page.getByRole('link', { name: 'Cán bộ, công chức' }).click();
  await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
  const od = page.getByRole('dialog');
  await od.getByLabel('Họ và tên').fill('Hoàng Văn Đức');
  await od.getByRole('combobox', { name: 'Đơn vị 1' }).click();
  await page.getByRole('option', { name: 'Ủy ban nhân dân xã Hòa An' }).click();
  await od.getByLabel('Chức vụ', { exact: true }).fill('Phó Chủ tịch UBND');
  await od.getByRole('button', { name: 'Thêm chức vụ' }).click();
  await od.getByRole('combobox', { name: 'Đơn vị 2' }).click();
  await page.getByRole('option', { name: /Văn phòng HĐND và UBND/ }).click();
  await od.getByLabel('Chức vụ', { exact: true }).nth(1).fill('Chánh Văn phòng');
  await od.getByLabel('Thủ trưởng').nth(1).check();
  await site.shot('07-official-form');
  await od.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('cell', { name: /Phó Chủ tịch UBND – Ủy ban nhân dân xã Hòa An; Chánh Văn phòng – Văn phòng HĐND và UBND/ })).toBeVisible();

  const officialsFile = await registryWorkbook(tmp, 'can-bo.xlsx', 'officials', [
    ['CB02', 'Lương Thị Hà', 'PKT', 'Trưởng phòng', 'x', '01/07/2025', '', '0912345678', ''],
    ['CB03', 'Đàm Văn Sơn', 'VHXH', 'Trưởng phòng', 'x', '01/07/2025', '', '', ''],
    ['CB03', 'Đàm Văn Sơn', 'TTHCC', 'Giám đốc', 'x', '01/07/2025', '', '', ''],
  ]);
  await importFile(site, officialsFile);
  await expect(page.getByText('Đã nhập 2 cán bộ')).toBeVisible();
  await page.getByLabel('Tìm cán bộ').fill('dam van son');
  await expect(page.getByText('1 / 3 cán bộ')).toBeVisible();
  await page.getByLabel('Tìm cán bộ').fill('');
  await site.shot('08-officials');

  // Reload: everything is still there and the session survives (main keeps it).
  await page.reload();
  await expect(page.getByRole('cell', { name: 'Lương Thị Hà', exact: true })).toBeVisible();

  // Log out and in again.
  await page.getByRole('button', { name: 'Tài khoản' }).click();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
  await page.getByLabel('Tên đăng nhập').fill('lan.vt');
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toContainText('Tên đăng nhập hoặc mật khẩu không đúng');
  await site.shot('09-login-error');
  await page.getByLabel('Mật khẩu').fill('matkhau-an-toan');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  // Signing in lands on Tổng quan, not on the screen open before logging out; everything is still there.
  await expect(page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible();
  await page.getByRole('link', { name: 'Cán bộ, công chức' }).click();
  await expect(page.getByRole('heading', { name: 'Danh mục cán bộ, công chức' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Đàm Văn Sơn', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
  await expect(page.getByText('6 / 6 đơn vị')).toBeVisible();
  await page.getByRole('link', { name: 'Tài khoản' }).click();
  await expect(page.getByRole('cell', { name: 'lan.vt', exact: true })).toBeVisible();
  await site.shot('10-accounts');
});

test('a forged IPC call is refused with a typed error and changes nothing', async ({ site }) => {
  const { page } = site;
  await site.open();
  await expect(page.getByRole('heading', { name: 'Thiết lập Đôn Đốc' })).toBeVisible();
  const results = await page.evaluate(async () => {
    const invoke = window.__dondocInvoke;
    return {
      unknown: await invoke('fs:readAnything', { path: '/etc/passwd' }),
      badShape: await invoke('auth:createFirstAdmin', { username: 1, password: null }),
      notAdmin: await invoke('auth:listAccounts', {}),
      status: await invoke('auth:status', {}),
    };
  });
  expect(results.unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  expect(results.badShape).toMatchObject({ ok: false, error: { code: 'invalid-request', message: 'Dữ liệu gửi lên không hợp lệ.' } });
  expect(results.notAdmin).toMatchObject({ ok: false, error: { code: 'not-authorised' } });
  expect(results.status).toMatchObject({ ok: true, value: { hasAccounts: false, session: null } });
});

test('a screen whose code cannot be loaded says so in Vietnamese and the others still open', async ({ site }) => {
  const { page } = site;
  await firstRun(site);
  // Screens other than the dashboard load their code when first opened (renderer/src/shell/lazyPage.tsx).
  await page.route('**/assets/CalendarPage-*.js', (route) => route.abort());
  await page.getByRole('link', { name: 'Lịch làm việc' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Không mở được màn hình này' })).toBeVisible();
  await expect(page.getByText('Dữ liệu không bị ảnh hưởng.')).toBeVisible();
  // The browser's own (English) wording of the failure is not shown.
  await expect(page.getByText('Đã xảy ra lỗi không mong muốn. Vui lòng thử lại.')).toBeVisible();
  await expect(page.getByText(/failed|module|fetch/i)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Tải lại ứng dụng' })).toBeVisible();
  await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Không mở được màn hình này' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Thêm đơn vị' })).toBeVisible();
});
