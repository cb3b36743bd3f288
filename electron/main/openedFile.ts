/**
 * Files handed to the app by the OS (file associations): from argv on first launch and from the
 * single-instance handoff later. Main keeps the one latest file; the renderer takes it, goes to
 * the screen for its kind and calls that screen's usual read handler, whose open dialog is then
 * answered with this file. Size, format and signature checks are the dialog path's own.
 */
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { OpenedFileKind, OpenedFileNotice } from '../../shared/ipc/channels/openedFile';
import { PACKAGE_EXTENSION } from '../../shared/sync/package';
import { IDENTITY_CARD_EXTENSION, REGISTRY_EXTENSION } from '../../shared/sync/registry';
import type { Dialogs } from './deps';

export const OPENED_FILE_EXTENSIONS: Record<OpenedFileKind, string> = {
  package: PACKAGE_EXTENSION,
  identityCard: IDENTITY_CARD_EXTENSION,
  registry: REGISTRY_EXTENSION,
};

export function kindOfFile(path: string): OpenedFileKind | null {
  const name = basename(path).toLowerCase();
  for (const [kind, ext] of Object.entries(OPENED_FILE_EXTENSIONS) as [OpenedFileKind, string][]) {
    if (name.endsWith(`.${ext}`) && name.length > ext.length + 1) return kind;
  }
  return null;
}

/**
 * The file argument in a command line: the last argument after the executable (and, in a
 * development build, the app folder) that is not a switch.
 */
export function fileArgument(argv: readonly string[], isPackaged: boolean): string | null {
  const args = argv.slice(isPackaged ? 1 : 2).filter((a) => a.length > 0 && !a.startsWith('-'));
  return args.at(-1) ?? null;
}

export interface OpenedFileInbox {
  /** Takes a command line (first launch or handoff); returns what the renderer will be told. */
  offerArgv(argv: readonly string[], workingDirectory: string, isPackaged: boolean): Promise<OpenedFileNotice | null>;
  /** The renderer's side: the pending notice, once. */
  take(): OpenedFileNotice | null;
  /** Wraps the real dialogs so the next open dialog of a taken file's kind returns that file. */
  dialogs(inner: Dialogs): Dialogs;
}

const ACCEPTED = 'Đôn Đốc chỉ mở được gói dữ liệu (.dondoc), tệp khóa đơn vị (.dondoc-key) và danh bạ đơn vị (.dondoc-registry).';

export function createOpenedFileInbox(): OpenedFileInbox {
  let pending: { notice: OpenedFileNotice; path: string } | null = null;
  let taken: { kind: OpenedFileKind; path: string } | null = null;

  async function check(path: string): Promise<OpenedFileNotice> {
    const fileName = basename(path);
    const kind = kindOfFile(path);
    if (!kind) return { status: 'refused', fileName, message: `Tệp ${fileName} không phải tệp của Đôn Đốc. ${ACCEPTED}` };
    const isFile = await stat(path).then((s) => s.isFile(), () => false);
    if (!isFile) return { status: 'refused', fileName, message: `Không đọc được tệp ${fileName}: tệp không còn ở chỗ cũ hoặc không phải là tệp.` };
    return { status: 'ready', kind, fileName };
  }

  return {
    async offerArgv(argv, workingDirectory, isPackaged) {
      const arg = fileArgument(argv, isPackaged);
      if (!arg) return null;
      const path = resolve(workingDirectory, arg);
      const notice = await check(path);
      pending = { notice, path };
      return notice;
    },
    take() {
      if (!pending) return null;
      const { notice, path } = pending;
      pending = null;
      taken = notice.status === 'ready' ? { kind: notice.kind, path } : null;
      return notice;
    },
    dialogs(inner) {
      return {
        pickSavePath: (o) => inner.pickSavePath(o),
        pickFolder: (o) => inner.pickFolder(o),
        async pickOpenPath(options) {
          const file = taken;
          taken = null;
          const ext = file && OPENED_FILE_EXTENSIONS[file.kind];
          if (file && options.filters.some((f) => f.extensions.includes(ext!))) return file.path;
          return inner.pickOpenPath(options);
        },
      };
    },
  };
}
