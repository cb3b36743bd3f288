import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dialogs } from './deps';
import { createOpenedFileInbox, fileArgument, kindOfFile } from './openedFile';

class Picks implements Dialogs {
  opened: string[] = [];
  async pickSavePath() {
    return null;
  }
  async pickOpenPath(o: { title: string }) {
    this.opened.push(o.title);
    return '/picked/by/user.dondoc';
  }
  async pickFolder() {
    return null;
  }
}
const packageFilter = { title: 'Chọn gói', filters: [{ name: 'Gói', extensions: ['dondoc'] }] };
const keyFilter = { title: 'Chọn khóa', filters: [{ name: 'Khóa', extensions: ['dondoc-key'] }] };

describe('files opened by double-click', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dondoc-opened-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('knows the three associated extensions, in any case', () => {
    expect(kindOfFile('D:\\USB\\goi-1.dondoc')).toBe('package');
    expect(kindOfFile('/tmp/KHOA.DONDOC-KEY')).toBe('identityCard');
    expect(kindOfFile('danh-ba.dondoc-registry')).toBe('registry');
    for (const p of ['notes.txt', 'goi.dondoc.exe', '.dondoc', 'x.dondoc-keys']) expect(kindOfFile(p), p).toBeNull();
  });

  it('finds the file argument after the executable (and the app folder in a development build), skipping switches', () => {
    expect(fileArgument(['Đôn Đốc.exe', 'D:\\goi.dondoc'], true)).toBe('D:\\goi.dondoc');
    expect(fileArgument(['Đôn Đốc.exe', '--allow-file-access-from-files', 'D:\\goi.dondoc', '--original-process-start-time=1'], true)).toBe('D:\\goi.dondoc');
    expect(fileArgument(['Đôn Đốc.exe'], true)).toBeNull();
    expect(fileArgument(['electron', '.'], false)).toBeNull();
    expect(fileArgument(['electron', '.', 'goi.dondoc'], false)).toBe('goi.dondoc');
  });

  it('hands a valid file to the next open dialog of its kind, once, and refuses other files with a Vietnamese message', async () => {
    await writeFile(join(dir, 'goi-1.dondoc'), 'x');
    await mkdir(join(dir, 'thu-muc.dondoc'));
    const inbox = createOpenedFileInbox();
    const picks = new Picks();
    const dialogs = inbox.dialogs(picks);

    expect(await inbox.offerArgv(['Đôn Đốc.exe', 'goi-1.dondoc'], dir, true)).toEqual({ status: 'ready', kind: 'package', fileName: 'goi-1.dondoc' });
    // Not taken yet: dialogs still ask the user.
    expect(await dialogs.pickOpenPath(packageFilter)).toBe('/picked/by/user.dondoc');
    expect(inbox.take()).toEqual({ status: 'ready', kind: 'package', fileName: 'goi-1.dondoc' });
    expect(inbox.take()).toBeNull();
    expect(await dialogs.pickOpenPath(packageFilter)).toBe(join(dir, 'goi-1.dondoc'));
    expect(await dialogs.pickOpenPath(packageFilter)).toBe('/picked/by/user.dondoc');

    // A taken file never answers a dialog for another kind, and is dropped by it.
    await inbox.offerArgv(['Đôn Đốc.exe', join(dir, 'goi-1.dondoc')], '/', true);
    inbox.take();
    expect(await dialogs.pickOpenPath(keyFilter)).toBe('/picked/by/user.dondoc');
    expect(await dialogs.pickOpenPath(packageFilter)).toBe('/picked/by/user.dondoc');
    expect(picks.opened).toEqual(['Chọn gói', 'Chọn gói', 'Chọn khóa', 'Chọn gói']);

    const txt = await inbox.offerArgv(['Đôn Đốc.exe', join(dir, 'ghi-chu.txt')], dir, true);
    expect(txt).toMatchObject({ status: 'refused', fileName: 'ghi-chu.txt' });
    expect(txt?.status === 'refused' && txt.message).toMatch(/^Tệp ghi-chu\.txt không phải tệp của Đôn Đốc\. Đôn Đốc chỉ mở được gói dữ liệu/);
    expect(inbox.take()).toEqual(txt);
    expect(await dialogs.pickOpenPath(packageFilter)).toBe('/picked/by/user.dondoc');

    for (const name of ['thu-muc.dondoc', 'khong-co.dondoc-key']) {
      expect(await inbox.offerArgv(['Đôn Đốc.exe', name], dir, true)).toEqual({ status: 'refused', fileName: name, message: `Không đọc được tệp ${name}: tệp không còn ở chỗ cũ hoặc không phải là tệp.` });
    }
    expect(await inbox.offerArgv(['Đôn Đốc.exe'], dir, true)).toBeNull();
  });
});
