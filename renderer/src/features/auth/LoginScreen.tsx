import { useState } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { api } from '../../api';
import { useAppState } from '../../state/app';
import { navigate } from '../../shell/router';
import { errorMessage } from '../../ui/notify';
import { useOrganisation } from '../registries/queries';

export function LoginScreen() {
  const org = useOrganisation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api().call('auth:login', { username, password });
      useAppState.getState().setSession(session);
      // Whoever signs in starts on Tổng quan, never on the screen the previous user left open.
      navigate('dashboard');
    } catch (err) {
      setError(errorMessage(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center h="100%" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={420}>
        <form onSubmit={submit}>
          <Stack>
            <div>
              <Title order={2}>Đôn Đốc</Title>
              <Text c="dimmed" size="sm">
                {org?.authorityName ?? 'Theo dõi, đôn đốc thực hiện nhiệm vụ'}
              </Text>
            </div>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <TextInput label="Tên đăng nhập" value={username} onChange={(e) => setUsername(e.currentTarget.value)} autoFocus required />
            <PasswordInput label="Mật khẩu" value={password} onChange={(e) => setPassword(e.currentTarget.value)} required />
            <Button type="submit" loading={busy}>
              Đăng nhập
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
