/**
 * Sync by exchanged file, end to end with two installations (separate browser contexts and
 * data dirs): pairing with fingerprints, a task assigned at the coordinator travels to the
 * commune, progress and completion travel back, and a deadline change forged at the commune
 * (a tampered app writing straight into its database) is refused at import and listed.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, type Site } from './fixtures';
import { firstRun } from './helpers/firstRun';
import { addUnitByForm } from './helpers/registry';
import { exportPackage } from './helpers/sync';
import type { Op } from '../../shared/data/ops';
import { chainOps, type ChainHead } from '../../shared/sync/authorship';
import { nodeChainCrypto } from '../../electron/main/sync/authorship';

/** A segment of the op log (renderer/src/data/opLog.ts, OpSegment) holding one op. */
function oneOpSegment(op: Op) {
  return { id: `e2e-${op.id}`, site: op.site, firstSeq: op.seq ?? 0, lastSeq: op.seq ?? 0, firstHlc: op.hlc, lastHlc: op.hlc, count: 1, ops: [op] };
}

async function siteIdentity(site: Site): Promise<{ siteId: string; fingerprint: string }> {
  const res = (await site.page.evaluate(() => window.__dondocInvoke('sync:identity', {}))) as { ok: boolean; value: { siteId: string; fingerprint: string } };
  expect(res.ok).toBe(true);
  return res.value;
}

test('two sites pair, exchange a task and its completion, and a forged deadline change is refused', async ({ newSite, tmp }) => {
  test.setTimeout(360_000);
  const office = await newSite();
  const commune = await newSite();
  await firstRun(office, { authorityName: 'Ủy ban nhân dân tỉnh Cao Bằng', parentName: 'Chính phủ' });
  await firstRun(commune, { authorityName: 'Ủy ban nhân dân xã Hòa An', siteRole: 'unit', shots: 'sync-00-commune-wizard' });
  // Before pairing the commune holds no units: they come from the coordinator.
  await commune.open('units');
  await expect(commune.page.getByText('Máy này chưa nhận danh bạ đơn vị từ Văn phòng điều phối')).toBeVisible();
  await expect(commune.page.getByRole('button', { name: 'Thêm đơn vị' })).toHaveCount(0);
  await commune.shot('sync-00-commune-units-before-pairing');
  await commune.open('letters');
  await expect(commune.page.getByText(/^Văn bản của máy này \(cơ quan ban hành, sổ văn bản đi\) cần biết máy này làm việc cho đơn vị nào/)).toBeVisible();
  await commune.open('');
  await expect(commune.page.getByRole('button', { name: 'Thiết lập đồng bộ' })).toBeVisible();
  await expect(commune.page.getByText('Nạp dữ liệu mẫu')).toHaveCount(0);
  await commune.shot('sync-00-commune-dashboard-before-pairing');

  // The coordinator registers the commune as a unit.
  await office.open('units');
  await addUnitByForm(office.page, { name: 'Ủy ban nhân dân xã Hòa An', shortName: 'HOAAN', symbol: 'UBND', parent: 'Ủy ban nhân dân tỉnh Cao Bằng' });

  // Pairing: the commune hands over its identity card; fingerprints are compared by phone.
  const communeId = await siteIdentity(commune);
  const officeId = await siteIdentity(office);
  await commune.open('sync-setup');
  await expect(commune.page.getByRole('heading', { name: 'Thiết lập đồng bộ' })).toBeVisible();
  await expect(commune.page.getByLabel('Dấu vân tay', { exact: true }).first()).toHaveText(communeId.fingerprint);
  const card = join(tmp, 'khoa-xa-hoa-an.dondoc-key');
  commune.dialogs.savePaths.push(card);
  await commune.page.getByRole('button', { name: 'Xuất tệp khóa của máy này' }).click();
  await expect(commune.page.getByText(`đọc dấu vân tay ${communeId.fingerprint}`)).toBeVisible();
  await commune.shot('sync-01-commune-setup');

  await office.open('sync-setup');
  office.dialogs.openPaths.push(card);
  await office.page.getByRole('button', { name: 'Đọc tệp khóa của đơn vị' }).click();
  const cd = office.page.getByRole('dialog', { name: 'Tệp khóa của đơn vị' });
  await expect(cd.getByLabel('Dấu vân tay', { exact: true })).toHaveText(communeId.fingerprint);
  await expect(cd.getByRole('button', { name: 'Tin cậy máy này' })).toBeDisabled();
  await cd.getByRole('combobox', { name: 'Máy này làm việc cho các đơn vị' }).click();
  await office.page.getByRole('option', { name: 'Ủy ban nhân dân xã Hòa An' }).click();
  // Close the dropdown by clicking elsewhere in the dialog (Escape would close the dialog).
  await cd.getByText(/^Gọi điện cho cán bộ/).click();
  await cd.getByText('Tôi đã đối chiếu dấu vân tay qua điện thoại').click();
  await office.shot('sync-02-office-trust-card');
  await cd.getByRole('button', { name: 'Tin cậy máy này' }).click();
  await expect(office.page.getByRole('cell', { name: /Ủy ban nhân dân xã Hòa An/ }).first()).toBeVisible();
  const registryFile = join(tmp, 'danh-ba.dondoc-registry');
  office.dialogs.savePaths.push(registryFile);
  await office.page.getByRole('button', { name: 'Xuất danh bạ đơn vị' }).click();
  await expect(office.page.getByText(/Đã lưu danh bạ đơn vị \(2 máy\)/)).toBeVisible();
  await office.shot('sync-03-office-setup');

  await commune.open('sync-setup');
  commune.dialogs.openPaths.push(registryFile);
  await commune.page.getByRole('button', { name: 'Đọc danh bạ đơn vị' }).click();
  const rd = commune.page.getByRole('dialog', { name: 'Danh bạ đơn vị' });
  await expect(rd.getByLabel('Dấu vân tay', { exact: true }).first()).toHaveText(officeId.fingerprint);
  await expect(rd.getByRole('cell', { name: 'Ủy ban nhân dân xã Hòa An (máy này)' })).toBeVisible();
  await rd.getByText('Tôi đã đối chiếu dấu vân tay của Văn phòng điều phối').click();
  await commune.shot('sync-04-commune-registry');
  await rd.getByRole('button', { name: 'Tin cậy danh bạ' }).click();
  await expect(commune.page.getByText(/Đã nhận danh bạ: 1 máy được tin cậy/)).toBeVisible();

  // The coordinator assigns a task to the commune.
  await office.open('tasks/new');
  await office.page.getByLabel('Tên nhiệm vụ').fill('Rà soát hộ nghèo, hộ cận nghèo năm 2026');
  await office.page.getByRole('combobox', { name: 'Đơn vị chủ trì' }).click();
  await office.page.getByRole('option', { name: 'Ủy ban nhân dân xã Hòa An' }).click();
  await office.page.getByLabel('Hạn xử lý').fill('30/06/2099');
  await office.page.getByRole('button', { name: 'Giao nhiệm vụ', exact: true }).click();
  await expect(office.page.getByRole('heading', { name: 'Rà soát hộ nghèo, hộ cận nghèo năm 2026' })).toBeVisible();

  const pkg1 = await exportPackage(office, tmp, 'goi-1.dondoc', 'Ủy ban nhân dân xã Hòa An', 1);
  await office.shot('sync-05-office-export');

  await commune.open('sync-import');
  commune.dialogs.openPaths.push(pkg1);
  await commune.page.getByRole('button', { name: 'Chọn gói để nhập' }).click();
  const report1 = commune.page.getByLabel('Kết quả nhập gói');
  await expect(report1.getByRole('heading', { name: 'Kết quả nhập gói số 1 của Ủy ban nhân dân tỉnh Cao Bằng' })).toBeVisible();
  await expect(report1.getByText('Bị từ chối').locator('..')).toContainText('0');
  await commune.shot('sync-06-commune-import-report');

  // The commune now holds the coordinator's unit registry, read-only, and nothing of its own.
  await commune.open('units');
  await expect(commune.page.getByText('3 / 3 đơn vị')).toBeVisible();
  await expect(commune.page.getByRole('cell', { name: 'Ủy ban nhân dân tỉnh Cao Bằng', exact: true })).toBeVisible();
  await expect(commune.page.getByRole('cell', { name: 'Ủy ban nhân dân xã Hòa An', exact: true })).toBeVisible();
  await expect(commune.page.getByRole('button', { name: 'Thêm đơn vị' })).toHaveCount(0);
  await expect(commune.page.getByText('Máy này chưa nhận danh bạ đơn vị')).toHaveCount(0);
  await commune.shot('sync-06b-commune-units');

  // Importing the same file again is a no-op.
  await commune.open('sync-import');
  commune.dialogs.openPaths.push(pkg1);
  await commune.page.getByRole('button', { name: 'Chọn gói để nhập' }).click();
  await expect(commune.page.getByText('Gói này đã nhập trước đây; không có thay đổi nào.')).toBeVisible();

  // The commune reports progress and completion through the task screens.
  await commune.open('tasks');
  await commune.page.getByText('Rà soát hộ nghèo, hộ cận nghèo năm 2026').first().click();
  await expect(commune.page.getByRole('heading', { name: 'Rà soát hộ nghèo, hộ cận nghèo năm 2026' })).toBeVisible();
  const taskId = commune.page.url().split('#/tasks/')[1];
  expect(taskId).toBeTruthy();
  await commune.page.getByRole('button', { name: 'Báo cáo tiến độ' }).click();
  const pd = commune.page.getByRole('dialog');
  await pd.getByLabel('Tiến độ đạt được (%)').fill('60');
  await pd.getByLabel('Nội dung báo cáo').fill('Đã rà soát 6/10 thôn');
  await pd.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(commune.page.getByText('60%', { exact: true })).toBeVisible();
  await commune.page.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
  const fd = commune.page.getByRole('dialog');
  await fd.getByLabel('Kết quả thực hiện').fill('Đã hoàn thành rà soát, danh sách kèm theo');
  await fd.getByLabel('Số văn bản sản phẩm').fill('21/BC-UBND');
  await fd.getByLabel('Ngày văn bản sản phẩm').fill(await fd.getByLabel('Ngày hoàn thành').inputValue());
  await fd.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(commune.page.getByText('Chờ cơ quan giao xác nhận hoàn thành')).toBeVisible();

  // A tampered app at the commune writes a deadline change straight into its database, linked
  // into the commune's own op chain (as its write path would) so that it really goes out.
  const head = (await commune.page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('dondoc');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('meta', 'readonly').objectStore('meta').get('chain');
          get.onsuccess = () => (db.close(), resolve((get.result as { value: unknown }).value));
          get.onerror = () => reject(get.error);
        };
      }),
  )) as ChainHead;
  const tampered: Op = {
    id: `forged-${Date.now()}`,
    site: communeId.siteId,
    hlc: `${String(Date.now() + 5000).padStart(15, '0')}-0000-${communeId.siteId}`,
    entity: 'tasks',
    rowId: taskId,
    kind: 'set',
    values: { dueOn: '2099-12-31' },
    actor: 'lan.vt (Nông Thị Lan)',
  };
  const chained = chainOps([tampered], head, nodeChainCrypto);
  await commune.page.evaluate(
    (json) =>
      new Promise<void>((resolve, reject) => {
        const { segment, next } = JSON.parse(json) as { segment: unknown; next: unknown };
        const open = indexedDB.open('dondoc');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['opSegments', 'meta'], 'readwrite');
          tx.objectStore('opSegments').put(segment);
          tx.objectStore('meta').put({ key: 'chain', value: next });
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    // The op log is stored in segments (renderer/src/data/opLog.ts): one segment holding the op.
    JSON.stringify({ segment: oneOpSegment(chained.ops[0]), next: chained.head }),
  );

  const pkg2 = await exportPackage(commune, tmp, 'goi-xa-1.dondoc', 'Ủy ban nhân dân tỉnh Cao Bằng', 1);

  await office.open('sync-import');
  office.dialogs.openPaths.push(pkg2);
  await office.page.getByRole('button', { name: 'Chọn gói để nhập' }).click();
  const report2 = office.page.getByLabel('Kết quả nhập gói');
  await expect(report2.getByRole('heading', { name: 'Kết quả nhập gói số 1 của Ủy ban nhân dân xã Hòa An' })).toBeVisible();
  // Only the forged change is refused: the commune's first run wrote nothing the office owns.
  await expect(report2.getByRole('list', { name: 'Thay đổi không được áp dụng' }).getByRole('listitem')).toHaveCount(1);
  const forged = report2.getByRole('listitem').filter({ hasText: 'hạn xử lý' });
  await expect(forged).toContainText('Không có thẩm quyền');
  await expect(forged).toContainText('Rà soát hộ nghèo, hộ cận nghèo năm 2026');
  await expect(forged).toContainText('Chỉ cơ quan giao nhiệm vụ');
  await office.shot('sync-07-office-import-report');

  // The office sees the completion report waiting for it, with the original deadline, and accepts it.
  await office.open(`tasks/${taskId}`);
  await expect(office.page.getByRole('heading', { name: 'Rà soát hộ nghèo, hộ cận nghèo năm 2026' })).toBeVisible();
  await expect(office.page.getByText('100%', { exact: true })).toBeVisible();
  await expect(office.page.getByText('Chờ cơ quan giao xác nhận hoàn thành')).toBeVisible();
  await office.page.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
  await office.page.getByRole('dialog').getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(office.page.getByText('Đã hoàn thành').first()).toBeVisible();
  await expect(office.page.getByText('30/06/2099').first()).toBeVisible();
  await expect(office.page.getByText('31/12/2099')).toHaveCount(0);
  await office.shot('sync-08-office-task-done');

  await office.open('sync-status');
  await expect(office.page.getByRole('cell', { name: 'Ủy ban nhân dân xã Hòa An', exact: true }).first()).toBeVisible();
  await expect(office.page.getByText('Đã nhận đủ')).toBeVisible();
  await office.shot('sync-09-office-status');
  await office.open('sync-conflicts');
  await expect(office.page.getByText('Không có xung đột nào cần xem xét.')).toBeVisible();

  // Exchange folders: the administrator gives the commune a send and a receive folder; the
  // next exchange writes the package there by itself.
  const outbox = join(tmp, 'gui-xa-hoa-an');
  const inboxDir = join(tmp, 'nhan-xa-hoa-an');
  await mkdir(outbox);
  await mkdir(inboxDir);
  await office.open('sync-status');
  await expect(office.page.getByText('Chưa đặt (trao đổi bằng tay)')).toBeVisible();
  await office.page.getByRole('button', { name: 'Đặt thư mục…' }).click();
  const folders = office.page.getByRole('dialog', { name: /Thư mục trao đổi với/ });
  await folders.getByLabel('Thư mục gửi (máy này ghi gói cho máy kia)').fill(join(tmp, 'khong-co'));
  await folders.getByLabel('Thư mục nhận (gói của máy kia đến đây)').fill(inboxDir);
  await folders.getByRole('button', { name: 'Lưu' }).click();
  await expect(folders.getByText(/Thư mục gửi: thư mục không tồn tại/)).toBeVisible();
  await folders.getByLabel('Thư mục gửi (máy này ghi gói cho máy kia)').fill(outbox);
  await folders.getByRole('button', { name: 'Lưu' }).click();
  await expect(folders).toHaveCount(0);
  await expect(office.page.getByText('Truy cập được')).toBeVisible();
  await office.page.getByRole('button', { name: 'Trao đổi ngay' }).click();
  await expect.poll(async () => (await readdir(outbox)).filter((n) => n.endsWith('.dondoc')).length, { timeout: 30_000 }).toBe(1);
  // A corrupt file in the inbox is moved aside with its reason, shown here.
  await writeFile(join(inboxDir, 'hong.dondoc'), 'không phải gói');
  await office.page.getByRole('button', { name: 'Trao đổi ngay' }).click();
  await expect(office.page.getByText(/Đã chuyển sang thư mục bad: hong\.dondoc — Tệp này không phải gói dữ liệu Đôn Đốc/)).toBeVisible({ timeout: 30_000 });
  await expect(office.page.getByRole('button', { name: 'Trao đổi ngay' })).toBeEnabled();
  await office.shot('sync-10-office-exchange-folders');
  await office.page.getByRole('button', { name: 'Syncthing…' }).click();
  await expect(office.page.getByRole('dialog', { name: 'Syncthing trên máy này (không bắt buộc)' })).toBeVisible();
  await office.shot('sync-11-office-syncthing-api');
});
