import { useState } from 'react';
import { Modal, PasswordInput, Stack } from '@mantine/core';
import { api } from '../../api';
import { FormActions } from '../../ui/FormActions';
import { useAction } from '../../ui/useAction';

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [form, setForm] = useState({ old: '', next: '', confirm: '' });
  const { busy, error, setError, run } = useAction();
  const close = () => {
    setForm({ old: '', next: '', confirm: '' });
    setError(null);
    onClose();
  };
  const submit = async () => {
    if (form.next !== form.confirm) {
      setError('Mật khẩu mới nhập lại không khớp.');
      return;
    }
    await run(() => api().call('auth:changePassword', { oldPassword: form.old, newPassword: form.next }), { success: 'Đã đổi mật khẩu.', then: close });
  };
  return (
    <Modal opened={opened} onClose={close} title="Đổi mật khẩu">
      <Stack>
        <PasswordInput label="Mật khẩu hiện tại" value={form.old} onChange={(e) => setForm({ ...form, old: e.currentTarget.value })} />
        <PasswordInput label="Mật khẩu mới (ít nhất 8 ký tự)" value={form.next} onChange={(e) => setForm({ ...form, next: e.currentTarget.value })} />
        <PasswordInput label="Nhập lại mật khẩu mới" value={form.confirm} onChange={(e) => setForm({ ...form, confirm: e.currentTarget.value })} />
        <FormActions error={error} onCancel={close} onSubmit={submit} busy={busy} submitLabel="Lưu" />
      </Stack>
    </Modal>
  );
}
