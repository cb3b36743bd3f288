import { useState } from 'react';
import { Button, PasswordInput, Text, TextInput, Title } from '@mantine/core';
import { api } from '../../api';
import { useAppState } from '../../state/app';
import { navigate } from '../../shell/router';
import { ErrorAlert } from '../../ui/FormActions';
import { useAction } from '../../ui/useAction';
import { useOrganisation } from '../registries/queries';
import { AuthCard } from './AuthCard';

export function LoginScreen() {
  const org = useOrganisation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  const submit = async () => {
    const signedIn = await run(async () => {
      const session = await api().call('auth:login', { username, password });
      useAppState.getState().setSession(session);
      // Whoever signs in starts on Tổng quan, never on the screen the previous user left open.
      navigate('dashboard');
    });
    if (!signedIn) setPassword('');
  };

  return (
    <AuthCard onSubmit={() => void submit()}>
      <div>
        <Title order={2}>Đôn Đốc</Title>
        <Text c="dimmed" size="sm">
          {org?.authorityName ?? 'Theo dõi, đôn đốc thực hiện nhiệm vụ'}
        </Text>
      </div>
      <ErrorAlert error={error} />
      <TextInput label="Tên đăng nhập" value={username} onChange={(e) => setUsername(e.currentTarget.value)} autoFocus required />
      <PasswordInput label="Mật khẩu" value={password} onChange={(e) => setPassword(e.currentTarget.value)} required />
      <Button type="submit" loading={busy}>
        Đăng nhập
      </Button>
    </AuthCard>
  );
}
