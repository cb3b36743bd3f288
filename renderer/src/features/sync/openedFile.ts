/**
 * A file double-clicked in Windows (.dondoc, .dondoc-key, .dondoc-registry) reaches the app
 * through main; while someone is signed in, this takes it, goes to the screen that reads that
 * kind and leaves a request there. The screen then calls its usual read handler, which main
 * answers with the opened file instead of a dialog.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { notifications } from '@mantine/notifications';
import type { OpenedFileKind } from '@shared/ipc/channels/openedFile';
import { api } from '../../api';
import { useAppState } from '../../state/app';
import { navigate } from '../../shell/router';
import { useOrganisation } from '../registries/queries';
import { isAdministrator, type Role } from '@shared/roles';

interface OpenedFileRequest {
  kind: OpenedFileKind;
  fileName: string;
}

export const useOpenedFile = create<{ request: OpenedFileRequest | null; set: (r: OpenedFileRequest | null) => void }>((set) => ({
  request: null,
  set: (request) => set({ request }),
}));

/** The screen's side: the request for this kind, handed out once. */
export function takeOpenedFile(kind: OpenedFileKind): OpenedFileRequest | null {
  const r = useOpenedFile.getState().request;
  if (!r || r.kind !== kind) return null;
  useOpenedFile.getState().set(null);
  return r;
}

/**
 * A pairing panel's side: when a file of `kind` was opened by double-click, takes the request and
 * calls the panel's usual read handler (which main answers with that file instead of a dialog).
 */
export function useReadOpenedFile(kind: 'identityCard' | 'registry', read: () => Promise<unknown>): void {
  const opened = useOpenedFile((s) => s.request);
  useEffect(() => {
    if (opened?.kind === kind && takeOpenedFile(kind)) void read();
    // `read` is recreated each render; the request is what triggers a read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, kind]);
}

const kindLabels: Record<OpenedFileKind, string> = { package: 'gói dữ liệu', identityCard: 'tệp khóa đơn vị', registry: 'danh bạ đơn vị' };

/** Where a kind is read, or why this machine or account cannot read it. */
export function openedFileRoute(kind: OpenedFileKind, role: Role, siteRole: 'coordinator' | 'unit'): { path: string } | { refusal: string } {
  if (!isAdministrator(role)) return { refusal: `Chỉ quản trị viên mới mở được ${kindLabels[kind]}. Hãy đăng nhập bằng tài khoản quản trị rồi mở lại tệp.` };
  if (kind === 'package') return { path: 'sync-import' };
  if (kind === 'identityCard' && siteRole !== 'coordinator') return { refusal: 'Tệp khóa đơn vị chỉ được đọc trên máy của Văn phòng điều phối.' };
  if (kind === 'registry' && siteRole === 'coordinator') return { refusal: 'Danh bạ đơn vị do chính máy này lập; chỉ máy của các đơn vị mới đọc danh bạ.' };
  return { path: 'sync-setup' };
}

const POLL_MS = 1000;

export function useOpenedFileWatcher(): void {
  const role = useAppState((s) => s.session?.account.role);
  const org = useOrganisation();
  const siteRole = org?.siteRole;
  useEffect(() => {
    if (!role || !siteRole) return;
    let busy = false;
    const check = async () => {
      if (busy) return;
      busy = true;
      try {
        const notice = await api().call('app:takeOpenedFile', {});
        if (!notice) return;
        const route = notice.status === 'ready' ? openedFileRoute(notice.kind, role, siteRole) : { refusal: notice.message };
        if ('refusal' in route) {
          // Main's refusals name the file; the screen's own name the kind.
          const title = notice.status === 'refused' ? 'Không mở được tệp' : `Không mở được tệp ${notice.fileName}`;
          notifications.show({ color: 'red', title, message: route.refusal, autoClose: 10_000 });
          return;
        }
        if (notice.status === 'ready') useOpenedFile.getState().set({ kind: notice.kind, fileName: notice.fileName });
        navigate(route.path);
      } catch {
        // The next focus or tick asks again.
      } finally {
        busy = false;
      }
    };
    void check();
    // Main focuses the window when a file arrives from a second launch; the tick covers a window that already had focus.
    window.addEventListener('focus', check);
    const timer = window.setInterval(check, POLL_MS);
    return () => {
      window.removeEventListener('focus', check);
      window.clearInterval(timer);
    };
  }, [role, siteRole]);
}
