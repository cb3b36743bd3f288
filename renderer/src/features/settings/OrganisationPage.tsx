import { useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { actsForLabel, siteRoleLabels, type Organisation } from '@shared/registries/organisation';
import { currentDb, useAppState, writeContext } from '../../state/app';
import { errorMessage, notifySuccess } from '../../ui/notify';
import { saveOrganisation } from '../registries/commands';
import { useOrganisation, useUnits } from '../registries/queries';
import { currentActor, useIsAdmin } from '../registries/useActor';

export function OrganisationPage() {
  const org = useOrganisation();
  const units = useUnits();
  const isAdmin = useIsAdmin();
  const siteId = useAppState((s) => s.siteId);
  const [form, setForm] = useState<Organisation | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (org) setForm(org);
  }, [org]);
  if (!org || !form || !units) return <Loader />;
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;

  const save = async () => {
    try {
      await saveOrganisation(currentDb(), writeContext(), currentActor(), form);
      setError(null);
      notifySuccess('Đã lưu thông tin cơ quan.');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Stack maw={760}>
      <Title order={3}>Thông tin cơ quan</Title>
      <Paper withBorder p="md">
        <Stack>
          <TextInput label="Tên cơ quan" value={form.authorityName} onChange={(e) => setForm({ ...form, authorityName: e.currentTarget.value })} disabled={!isAdmin} />
          <TextInput label="Cơ quan cấp trên" value={form.parentName} onChange={(e) => setForm({ ...form, parentName: e.currentTarget.value })} disabled={!isAdmin} />
          <Group grow>
            <TextInput label="Địa danh ghi trên văn bản" value={form.placeName} onChange={(e) => setForm({ ...form, placeName: e.currentTarget.value })} disabled={!isAdmin} />
            <TextInput label="Ký hiệu cơ quan" value={form.authoritySymbol} onChange={(e) => setForm({ ...form, authoritySymbol: e.currentTarget.value.toUpperCase() })} disabled={!isAdmin} />
          </Group>
          <Text size="sm">
            <b>Vai trò của máy:</b> {siteRoleLabels[form.siteRole]}
          </Text>
          <Text size="sm">
            <b>Máy này làm việc cho:</b> {actsForLabel(form.actsForUnitIds, unitName)}
          </Text>
          <Text size="sm" c="dimmed">
            Mã máy (dùng khi đồng bộ): {siteId}
          </Text>
          {error && <Alert color="red">{error}</Alert>}
          {isAdmin && (
            <Group justify="flex-end">
              <Button onClick={save}>Lưu</Button>
            </Group>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
