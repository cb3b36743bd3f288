import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Modal, PasswordInput, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { type Account } from '@shared/ipc/channels/auth';
import { roleLabels, roleSchema, type Role } from '@shared/roles';
import { api } from '../../api';
import { FormActions } from '../../ui/FormActions';
import { errorMessage } from '../../ui/notify';
import { useEditDialog } from '../../ui/useEditDialog';
import { formatDateTime } from '../../ui/format';
import { useOfficials, useUnits } from '../registries/queries';
import { unitSelectOptions } from '../registries/xlsxFlow';
import { TableHead } from '../../ui/TableParts';

interface Draft {
  id: string | null;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  officialId: string | null;
  active: boolean;
  password: string;
}

export function AccountsPage() {
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const edit = useEditDialog<Draft>();
  const resetting = useEditDialog<{ account: Account; password: string }>();
  const { draft, setDraft } = edit;
  const { draft: reset, setDraft: setReset } = resetting;
  const units = useUnits();
  const officials = useOfficials();
  const unitOptions = useMemo(() => unitSelectOptions(units ?? []), [units]);
  const officialOptions = useMemo(() => (officials ?? []).map((o) => ({ value: o.id, label: o.fullName })), [officials]);

  const reload = useCallback(() => {
    api()
      .call('auth:listAccounts', {})
      .then(setAccounts)
      .catch((e: unknown) => setLoadError(errorMessage(e)));
  }, []);
  useEffect(reload, [reload]);

  if (loadError) return <Alert color="red">{loadError}</Alert>;
  if (!accounts) return <Loader />;

  const save = () =>
    draft &&
    edit.save(async () => {
      if (draft.id) {
        await api().call('auth:updateAccount', { id: draft.id, displayName: draft.displayName, role: draft.role, unitId: draft.unitId, officialId: draft.officialId, active: draft.active });
      } else {
        await api().call('auth:createAccount', { username: draft.username, password: draft.password, displayName: draft.displayName, role: draft.role, unitId: draft.unitId, officialId: draft.officialId });
      }
      reload();
    }, 'Đã lưu tài khoản.');
  const doReset = () => reset && resetting.save(() => api().call('auth:resetPassword', { id: reset.account.id, newPassword: reset.password }), `Đã đặt lại mật khẩu cho ${reset.account.username}.`);
  const unitName = (id: string | null) => (id ? (units?.find((u) => u.id === id)?.name ?? '') : '');

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>Tài khoản người dùng</Title>
        <Button onClick={() => setDraft({ id: null, username: '', displayName: '', role: 'unitStaff', unitId: null, officialId: null, active: true, password: '' })}>Thêm tài khoản</Button>
      </Group>
      <Table striped withTableBorder>
        <TableHead columns={['Tên đăng nhập', 'Họ và tên', 'Vai trò', 'Đơn vị', 'Tạo lúc', 'Trạng thái', { label: '', w: 190 }]} />
        <Table.Tbody>
          {accounts.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.username}</Table.Td>
              <Table.Td>{a.displayName}</Table.Td>
              <Table.Td>{roleLabels[a.role]}</Table.Td>
              <Table.Td>
                {a.unitId ? (
                  unitName(a.unitId)
                ) : (
                  <Badge color="yellow" variant="light" tt="none" title="Tài khoản chưa gắn đơn vị ghi nhận ý kiến, báo cáo như văn phòng của chính máy này. Hãy chọn đơn vị cho tài khoản.">
                    Chưa gắn đơn vị
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{formatDateTime(a.createdAt)}</Table.Td>
              <Table.Td>{a.active ? <Badge color="green">Hoạt động</Badge> : <Badge color="gray">Vô hiệu</Badge>}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Button size="compact-xs" variant="subtle" onClick={() => setDraft({ ...a, password: '' })}>
                    Sửa
                  </Button>
                  <Button size="compact-xs" variant="subtle" onClick={() => setReset({ account: a, password: '' })}>
                    Đặt lại mật khẩu
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={!!draft} onClose={edit.close} title={draft?.id ? 'Sửa tài khoản' : 'Thêm tài khoản'} size="lg">
        {draft && (
          <Stack>
            <Group grow>
              <TextInput label="Tên đăng nhập" value={draft.username} disabled={!!draft.id} onChange={(e) => setDraft({ ...draft, username: e.currentTarget.value })} />
              <TextInput label="Họ và tên" value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.currentTarget.value })} />
            </Group>
            <Group grow>
              <Select label="Vai trò" data={roleSchema.options.map((r) => ({ value: r, label: roleLabels[r] }))} value={draft.role} onChange={(v) => v && setDraft({ ...draft, role: v as Role })} allowDeselect={false} />
              <Select
                label="Đơn vị"
                description="Tài khoản chỉ ghi nhận ý kiến, báo cáo cho đúng đơn vị này. Để trống: tài khoản của chính văn phòng máy này."
                data={unitOptions}
                value={draft.unitId}
                onChange={(v) => setDraft({ ...draft, unitId: v })}
                clearable
                searchable
              />
            </Group>
            <Select label="Gắn với cán bộ" data={officialOptions} value={draft.officialId} onChange={(v) => setDraft({ ...draft, officialId: v })} clearable searchable />
            {!draft.id && <PasswordInput label="Mật khẩu (ít nhất 8 ký tự)" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.currentTarget.value })} />}
            {draft.id && <Switch label="Đang hoạt động" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })} />}
            <FormActions error={edit.error} onCancel={edit.close} onSubmit={save} busy={edit.busy} submitLabel="Lưu" />
          </Stack>
        )}
      </Modal>
      <Modal opened={!!reset} onClose={resetting.close} title="Đặt lại mật khẩu">
        {reset && (
          <Stack>
            <Text size="sm">
              Tài khoản <b>{reset.account.username}</b> ({reset.account.displayName})
            </Text>
            <PasswordInput label="Mật khẩu mới (ít nhất 8 ký tự)" value={reset.password} onChange={(e) => setReset({ ...reset, password: e.currentTarget.value })} />
            <FormActions error={resetting.error} onCancel={resetting.close} onSubmit={doReset} busy={resetting.busy} submitLabel="Đặt lại" />
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
