import { useEffect, useState } from 'react';
import { AppShell, Group, Menu, NavLink, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { roleLabels } from '@shared/roles';
import { api } from '../api';
import { useAppState } from '../state/app';
import { useOrganisation } from '../features/registries/queries';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal';
import { usePath } from './router';
import { visibleRoutes } from './routes';
import { PageFrame } from './lazyPage';
import { useDailyBackup } from '../features/safety/dailyBackup';
import { useOpenedFileWatcher } from '../features/sync/openedFile';
import { useAuditAnchor } from '../features/safety/useAuditAnchor';
import { useExchange } from '../features/sync/useExchange';

export function Layout() {
  const session = useAppState((s) => s.session)!;
  useDailyBackup();
  useOpenedFileWatcher();
  useAuditAnchor();
  useExchange();
  const org = useOrganisation();
  const path = usePath();
  const [pwOpen, pw] = useDisclosure(false);
  const routes = visibleRoutes(session.account.role);
  const [head, ...rest] = path.split('/');
  const active = routes.find((r) => r.path === head) ?? routes[0];
  const Page = active.component;
  const groups = [...new Set(routes.map((r) => r.group))];
  // Compact rows fit the whole menu on a 1366×768 screen; a user may still fold a group (the current screen's group reopens).
  const [openGroups, setOpenGroups] = useState<ReadonlySet<string>>(() => new Set(groups));
  useEffect(() => setOpenGroups((s) => (s.has(active.group) ? s : new Set([...s, active.group]))), [active.group]);
  const toggleGroup = (g: string) =>
    setOpenGroups((s) => {
      const next = new Set(s);
      if (next.has(g)) next.delete(g);
      else next.add(g);
      return next;
    });

  const lock = async () => {
    await api().call('auth:lock', {});
    useAppState.getState().setSession({ ...session, locked: true });
  };
  const logout = async () => {
    await api().call('auth:logout', {});
    useAppState.getState().setSession(null);
  };

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 230, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Text fw={700} c="red.8" size="lg">
              Đôn Đốc
            </Text>
            <Text size="sm" c="dimmed" truncate maw={600}>
              {org?.authorityName}
            </Text>
          </Group>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <UnstyledButton aria-label="Tài khoản">
                <Stack gap={0} align="flex-end">
                  <Text size="sm" fw={600}>
                    {session.account.displayName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {roleLabels[session.account.role]}
                  </Text>
                </Stack>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={pw.open}>Đổi mật khẩu</Menu.Item>
              <Menu.Item onClick={lock}>Khóa phiên làm việc</Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" onClick={logout}>
                Đăng xuất
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <ScrollArea>
          {groups.map((g) => {
            const opened = openGroups.has(g);
            return (
              <NavLink
                key={g}
                label={g}
                opened={opened}
                onChange={() => toggleGroup(g)}
                childrenOffset={0}
                py={2}
                styles={{ label: { fontSize: 11, fontWeight: 700, textTransform: 'uppercase', color: 'var(--mantine-color-dimmed)' } }}
                aria-label={`Nhóm ${g}`}
              >
                {routes
                  .filter((r) => r.group === g)
                  .map((r) => (
                    <NavLink key={r.path} component="a" href={`#/${r.path}`} label={r.label} active={r.path === active.path} py={3} pl="md" styles={{ label: { fontSize: 13 } }} />
                  ))}
              </NavLink>
            );
          })}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <PageFrame resetKey={path}>
          <Page subPath={rest.join('/')} />
        </PageFrame>
      </AppShell.Main>
      <ChangePasswordModal opened={pwOpen} onClose={pw.close} />
    </AppShell>
  );
}
