import { useState } from 'react';
import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { api } from '../../api';
import { useAppState } from '../../state/app';
import { errorMessage } from '../../ui/notify';

export function LockScreen() {
  const session = useAppState((s) => s.session);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const unlock = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      useAppState.getState().setSession(await api().call('auth:unlock', { password }));
    } catch (err) {
      setError(errorMessage(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  const logout = async () => {
    await api().call('auth:logout', {});
    useAppState.getState().setSession(null);
  };

  return (
    <Center h="100%" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={420}>
        <form onSubmit={unlock}>
          <Stack>
            <Title order={3}>Phiên làm việc đã khóa</Title>
            <Text size="sm" c="dimmed">
              {session?.account.displayName} ({session?.account.username}) — nhập mật khẩu để tiếp tục.
            </Text>
            {error && <Alert color="red">{error}</Alert>}
            <PasswordInput label="Mật khẩu" value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoFocus required />
            <Group justify="space-between">
              <Button variant="subtle" onClick={logout}>
                Đăng xuất
              </Button>
              <Button type="submit" loading={busy}>
                Mở khóa
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
