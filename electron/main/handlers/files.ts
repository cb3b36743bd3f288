import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { AppError } from '@shared/errors';
import { MAX_ATTACHMENT_BYTES } from '@shared/ipc/channels/files';
import type { MainDeps } from '../deps';
import type { Handlers } from '../ipc/types';
import type { AccountStore } from '../auth/accounts';
import { isExecutableName } from '../fs/fileNames';

export const EXECUTABLE_MESSAGE = 'Tệp đính kèm này là loại có thể chạy chương trình (ví dụ .exe, .bat, .js), nên ứng dụng không mở. Hãy kiểm tra tệp bằng phần mềm diệt virus trước khi dùng.';

const ATTACH_FILTERS = [
  { name: 'Văn bản, bản chụp (PDF, ảnh, Word, Excel)', extensions: ['pdf', 'jpg', 'jpeg', 'png', 'tif', 'tiff', 'doc', 'docx', 'xls', 'xlsx', 'odt'] },
  { name: 'Tất cả các tệp', extensions: ['*'] },
];

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The file store: dataDir/files/<sha256>[.ext]. Content-addressed so the same scan attached
 * twice is kept once and a stored file can never be swapped for another under the same name.
 * The extension is kept so the system viewer knows how to open it.
 */
export function createFileHandlers(deps: MainDeps, accounts: Pick<AccountStore, 'requireSession'>): Handlers<'files:attach' | 'files:open'> {
  const store = join(deps.dataDir, 'files');
  const storedPath = (sha256: string, fileName: string) => {
    const ext = extname(fileName).toLowerCase();
    return join(store, /^\.[a-z0-9]{1,8}$/.test(ext) ? `${sha256}${ext}` : sha256);
  };
  return {
    'files:attach': async (req) => {
      accounts.requireSession();
      const picked = await deps.dialogs.pickOpenPath({ title: req.title, filters: ATTACH_FILTERS });
      if (!picked) return { canceled: true, file: null };
      let size: number;
      try {
        const s = await stat(picked);
        if (!s.isFile()) throw new Error('not a file');
        size = s.size;
      } catch {
        throw new AppError('invalid-file', 'Không đọc được tệp đã chọn.');
      }
      if (size > MAX_ATTACHMENT_BYTES) throw new AppError('invalid-file', `Tệp quá lớn (tối đa ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB).`);
      const fileName = basename(picked).slice(0, 255);
      await mkdir(store, { recursive: true });
      // Copy first, hash the copy: what is stored is exactly what was hashed.
      const temp = join(store, `.incoming-${randomBytes(6).toString('hex')}`);
      try {
        await copyFile(picked, temp);
        const sha256 = await sha256Of(temp);
        const target = storedPath(sha256, fileName);
        if (await exists(target)) await rm(temp, { force: true });
        else await rename(temp, target);
        return { canceled: false, file: { sha256, fileName, bytes: size } };
      } catch (error) {
        await rm(temp, { force: true });
        if (error instanceof AppError) throw error;
        throw new AppError('invalid-file', 'Không lưu được tệp đính kèm.');
      }
    },
    'files:open': async (req) => {
      accounts.requireSession();
      const target = storedPath(req.sha256, req.fileName);
      const path = (await exists(target)) ? target : (await exists(join(store, req.sha256))) ? join(store, req.sha256) : null;
      if (!path) throw new AppError('not-found', 'Không tìm thấy tệp đính kèm trên máy này (có thể tệp chưa được chép sang khi đồng bộ).');
      // Judged by the name the renderer gives and by the stored file's own extension.
      if (isExecutableName(req.fileName) || isExecutableName(path)) {
        if (!deps.shell.showInFolder) throw new AppError('not-authorised', EXECUTABLE_MESSAGE);
        deps.shell.showInFolder(path);
        return { shownInFolder: true };
      }
      await deps.shell.openPath(path);
      return { shownInFolder: false };
    },
  };
}
