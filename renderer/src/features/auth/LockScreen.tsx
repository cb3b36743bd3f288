import { useState } from 'react';
import { Button, Group, PasswordInput, Text, Title } from '@mantine/core';
import { api } from '../../api';
import { useAppState } from '../../state/app';
import { ErrorAlert } from '../../ui/FormActions';
import { useAction } from '../../ui/useAction';
import { AuthCard } from './AuthCard';

export function LockScreen() {
  const session = useAppState((s) => s.session);
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  const unlock = async () => {
    const unlocked = await run(async () => useAppState.getState().setSession(await api().call('auth:unlock', { password })));
    if (!unlocked) setPassword('');
  };
  const logout = async () => {
    await api().call('auth:logout', {});
    useAppState.getState().setSession(null);
  };

  return (
    <AuthCard onSubmit={() => void unlock()}>
      <Title order={3}>Phiên làm việc đã khóa</Title>
      <Text size="sm" c="dimmed">
        {session?.account.displayName} ({session?.account.username}) — nhập mật khẩu để tiếp tục.
      </Text>
      <ErrorAlert error={error} />
      <PasswordInput label="Mật khẩu" value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoFocus required />
      <Group justify="space-between">
        <Button variant="subtle" onClick={logout}>
          Đăng xuất
        </Button>
        <Button type="submit" loading={busy}>
          Mở khóa
        </Button>
      </Group>
    </AuthCard>
  );
}
