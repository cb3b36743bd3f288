import { useEffect, useState } from 'react';
import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import { api } from './api';
import { openDatabase } from './data/open';
import { taskIndexMirror } from './features/tasks/data/indexMirror';
import { useAppState } from './state/app';
import { useOrganisation } from './features/registries/queries';
import { SetupWizard } from './features/setup/SetupWizard';
import { LoginScreen } from './features/auth/LoginScreen';
import { LockScreen } from './features/auth/LockScreen';
import { RecoveryScreen } from './features/auth/RecoveryScreen';
import { Layout } from './shell/Layout';
import { errorMessage } from './ui/notify';
import { useInactivityLock } from './features/auth/useInactivityLock';
import { notifications } from '@mantine/notifications';
import { checkAuditAnchor } from './data/auditAnchor';
import { isAdministrator } from '@shared/roles';

type Boot =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; hasAccounts: boolean; recovery: 'missing' | 'tampered' | null; dataDir: string };

export function App() {
  const [boot, setBoot] = useState<Boot>({ kind: 'loading' });
  const session = useAppState((s) => s.session);
  const db = useAppState((s) => s.db);
  const org = useOrganisation();
  useInactivityLock();

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const info = await api().call('app:info', {});
      const { db } = await openDatabase(api());
      // The task index starts loading now, while the sign-in screen waits: the dashboard needs it first.
      taskIndexMirror(db);
      const status = await api().call('auth:status', {});
      const anchorProblem = await checkAuditAnchor(api(), db).catch(() => null);
      if (cancelled) return;
      if (anchorProblem) {
        notifications.show({ color: 'red', title: 'Nhật ký thay đổi không khớp mốc đã ghi', message: `${anchorProblem} Hãy báo quản trị viên (Sao lưu & an toàn → Kiểm tra toàn vẹn).`, autoClose: false });
      }
      useAppState.getState().setDb(db, info.siteId);
      useAppState.getState().setSession(status.session);
      setBoot({ kind: 'ready', hasAccounts: status.hasAccounts, recovery: status.recovery, dataDir: info.dataDir });
    })().catch((e: unknown) => !cancelled && setBoot({ kind: 'error', message: errorMessage(e) }));
    return () => {
      cancelled = true;
    };
  }, []);

  if (boot.kind === 'error') {
    return (
      <Center h="100%">
        <Alert color="red" title="Không khởi động được ứng dụng" maw={560}>
          {boot.message}
        </Alert>
      </Center>
    );
  }
  if (boot.kind === 'loading' || !db || org === undefined) {
    return (
      <Center h="100%">
        <Stack align="center">
          <Loader />
          <Text c="dimmed">Đang mở dữ liệu…</Text>
        </Stack>
      </Center>
    );
  }
  const retry = () => window.location.reload();
  if (boot.recovery && !session) return <RecoveryScreen reason={boot.recovery} dataDir={boot.dataDir} onRetry={retry} />;
  // Data of an organisation but no accounts at all: never offer a fresh first administrator.
  if (!boot.hasAccounts && !session && org !== null) return <RecoveryScreen reason="database-without-accounts" dataDir={boot.dataDir} onRetry={retry} />;
  if (!boot.hasAccounts && !session) return <SetupWizard withAccount onAccountCreated={() => setBoot({ ...boot, hasAccounts: true })} />;
  if (!session) return <LoginScreen />;
  if (session.locked) return <LockScreen />;
  if (org === null) {
    if (!isAdministrator(session.account.role)) {
      return (
        <Center h="100%">
          <Alert color="yellow" title="Ứng dụng chưa được thiết lập" maw={560}>
            Quản trị viên cần đăng nhập và hoàn tất thông tin cơ quan trước khi sử dụng.
          </Alert>
        </Center>
      );
    }
    return <SetupWizard withAccount={false} />;
  }
  return <Layout />;
}
