import { useMemo, useState } from 'react';
import { ActionIcon, Badge, Button, Checkbox, Group, Loader, Modal, Paper, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { describePosts, type Official } from '@shared/registries/officials';
import { OFFICIAL_COLUMNS, officialsToRows, parseOfficialRows } from '@shared/registries/xlsxImport';
import { formatUserDate, parseUserDate } from '@shared/text/dates';
import { matchesSearch } from '@shared/text/search';
import { newId } from '@shared/data/ids';
import { currentDb, writeContext } from '../../state/app';
import { FormErrorSummary } from '../../ui/FormErrorSummary';
import { FormActions } from '../../ui/FormActions';
import { useEditDialog } from '../../ui/useEditDialog';
import { officialFormErrors } from '@shared/text/formErrors';
import { todayVn } from '../../ui/format';
import { importOfficials, saveOfficial, type PostDraft } from './commands';
import { useOfficials, usePosts, useUnits } from './queries';
import { currentActor, useIsAdmin } from './useActor';
import { ImportErrorsModal } from './ImportErrorsModal';
import { EDIT_COLUMN, EditCell, EmptyRow, RegistrySearch, RegistryToolbar } from './RegistryParts';
import { TableHead } from '../../ui/TableParts';
import { unitSelectOptions, useRegistrySheets } from './xlsxFlow';

interface PostRow {
  key: string;
  id: string | null;
  unitId: string | null;
  title: string;
  isHead: boolean;
  from: string;
  to: string;
}
interface Draft {
  id: string | null;
  fullName: string;
  phone: string;
  email: string;
  active: boolean;
  posts: PostRow[];
}

const newPostRow = (): PostRow => ({ key: newId(), id: null, unitId: null, title: '', isHead: false, from: formatUserDate(todayVn()), to: '' });

export function OfficialsPage() {
  const units = useUnits();
  const officials = useOfficials();
  const posts = usePosts();
  const isAdmin = useIsAdmin();
  const [query, setQuery] = useState('');
  const form = useEditDialog<Draft>();
  const { draft, setDraft, errors } = form;
  const today = todayVn();

  const unitName = useMemo(() => {
    const m = new Map((units ?? []).map((u) => [u.id, u.name]));
    return (id: string) => m.get(id) ?? '(đơn vị không còn)';
  }, [units]);
  const postsByOfficial = useMemo(() => {
    const m = new Map<string, NonNullable<typeof posts>>();
    for (const p of posts ?? []) m.set(p.officialId, [...(m.get(p.officialId) ?? []), p]);
    return m;
  }, [posts]);
  const rows = useMemo(
    () =>
      (officials ?? [])
        .map((o) => ({ official: o, postText: describePosts(postsByOfficial.get(o.id) ?? [], unitName, today) }))
        .sort((a, b) => a.official.fullName.localeCompare(b.official.fullName, 'vi')),
    [officials, postsByOfficial, unitName, today],
  );
  const shown = rows.filter((r) => matchesSearch(`${r.official.fullName} ${r.postText}`, query));
  const unitOptions = useMemo(() => unitSelectOptions(units ?? []), [units]);
  const sheets = useRegistrySheets({
    noun: 'cán bộ',
    sheetName: 'Cán bộ',
    fileStem: 'danh-muc-can-bo',
    columns: OFFICIAL_COLUMNS,
    templateRows: () => {
      const sample = units?.find((u) => u.parentId) ?? units?.[0];
      return [
        ['CB01', 'Nguyễn Văn An', sample?.shortName ?? '', 'Phó Chủ tịch UBND', '', formatUserDate(today), '', '', ''],
        ['CB01', 'Nguyễn Văn An', sample?.shortName ?? '', 'Chánh Văn phòng', 'x', formatUserDate(today), '', '', ''],
      ];
    },
    exportRows: () => ({ rows: officialsToRows(rows.map((x) => x.official), posts ?? [], units ?? []), count: rows.length }),
    parse: (workbook) => {
      const parsed = parseOfficialRows(workbook, units ?? [], newId);
      return { errors: parsed.errors, warnings: parsed.warnings, value: parsed.officials };
    },
    write: (parsed) => importOfficials(currentDb(), writeContext(), currentActor(), parsed),
  });

  if (!units || !officials || !posts) return <Loader />;

  const edit = (o: Official) =>
    setDraft({
      id: o.id,
      fullName: o.fullName,
      phone: o.phone,
      email: o.email,
      active: o.active,
      posts: (postsByOfficial.get(o.id) ?? []).map((p) => ({ key: p.id, id: p.id, unitId: p.unitId, title: p.title, isHead: p.isHead, from: formatUserDate(p.from), to: formatUserDate(p.to) })),
    });

  const save = async () => {
    if (!draft || !form.check(officialFormErrors(draft))) return;
    const drafts: PostDraft[] = [];
    for (const p of draft.posts) {
      const from = parseUserDate(p.from);
      const to = p.to.trim() ? parseUserDate(p.to) : null;
      if (!p.unitId || !from) return;
      drafts.push({ id: p.id, unitId: p.unitId, title: p.title, isHead: p.isHead, from, to });
    }
    const official = { fullName: draft.fullName, phone: draft.phone, email: draft.email, active: draft.active };
    await form.save(() => saveOfficial(currentDb(), writeContext(), currentActor(), draft.id, official, drafts), draft.id ? 'Đã lưu cán bộ.' : 'Đã thêm cán bộ.');
  };

  const setPost = (key: string, patch: Partial<PostRow>) => draft && setDraft({ ...draft, posts: draft.posts.map((p) => (p.key === key ? { ...p, ...patch } : p)) });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>Danh mục cán bộ, công chức</Title>
        {isAdmin && (
          <RegistryToolbar
            onTemplate={sheets.downloadTemplate}
            onImport={sheets.importFile}
            onExport={sheets.exportAll}
            onAdd={() => setDraft({ id: null, fullName: '', phone: '', email: '', active: true, posts: [newPostRow()] })}
            addLabel="Thêm cán bộ"
          />
        )}
      </Group>
      <RegistrySearch query={query} onQuery={setQuery} placeholder="Tìm theo họ tên, chức vụ, đơn vị (gõ không dấu cũng được)" label="Tìm cán bộ" shown={shown.length} total={rows.length} noun="cán bộ" />
      <Table striped highlightOnHover withTableBorder>
        <TableHead columns={[{ label: 'Họ và tên', w: 240 }, 'Chức vụ hiện tại', { label: 'Trạng thái', w: 130 }, ...(isAdmin ? [EDIT_COLUMN] : [])]} />
        <Table.Tbody>
          {shown.map(({ official, postText }) => (
            <Table.Tr key={official.id}>
              <Table.Td>{official.fullName}</Table.Td>
              <Table.Td>{postText || <Text c="dimmed" size="sm">Chưa có chức vụ hiện hành</Text>}</Table.Td>
              <Table.Td>{official.active ? <Badge color="green">Đang công tác</Badge> : <Badge color="gray">Đã nghỉ</Badge>}</Table.Td>
              {isAdmin && <EditCell name={official.fullName} onEdit={() => edit(official)} />}
            </Table.Tr>
          ))}
          {shown.length === 0 && <EmptyRow colSpan={4}>{rows.length === 0 ? 'Chưa có cán bộ nào. Thêm mới hoặc nhập từ Excel.' : 'Không có cán bộ nào khớp.'}</EmptyRow>}
        </Table.Tbody>
      </Table>

      <Modal opened={!!draft} onClose={form.close} title={draft?.id ? 'Sửa cán bộ' : 'Thêm cán bộ'} size={1080}>
        {draft && (
          <Stack>
            <FormErrorSummary errors={errors} order={officialFieldOrder(draft.posts.length)} action="Chưa lưu được" />
            <Group grow align="flex-start">
              <TextInput label="Họ và tên" value={draft.fullName} onChange={(e) => setDraft({ ...draft, fullName: e.currentTarget.value })} required error={errors.fullName} />
              <TextInput label="Điện thoại" value={draft.phone} onChange={(e) => setDraft({ ...draft, phone: e.currentTarget.value })} error={errors.phone} />
              <TextInput label="Email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.currentTarget.value })} error={errors.email} />
            </Group>
            <Switch label="Đang công tác" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })} />
            <Text fw={600} size="sm">
              Chức vụ (một người có thể kiêm nhiệm nhiều chức vụ)
            </Text>
            {draft.posts.map((p, i) => (
              <Paper key={p.key} withBorder p="xs">
                <Group align="flex-start" wrap="nowrap" gap="xs">
                  <Select label={`Đơn vị ${i + 1}`} data={unitOptions} value={p.unitId} onChange={(v) => setPost(p.key, { unitId: v })} searchable w={280} error={beside(errors[`posts.${i}.unitId`])} />
                  <TextInput label="Chức vụ" value={p.title} onChange={(e) => setPost(p.key, { title: e.currentTarget.value })} w={200} error={beside(errors[`posts.${i}.title`])} />
                  <TextInput label="Từ ngày" placeholder="dd/mm/yyyy" value={p.from} onChange={(e) => setPost(p.key, { from: e.currentTarget.value })} w={124} error={beside(errors[`posts.${i}.from`])} />
                  <TextInput label="Đến ngày" placeholder="dd/mm/yyyy" value={p.to} onChange={(e) => setPost(p.key, { to: e.currentTarget.value })} w={124} error={beside(errors[`posts.${i}.to`])} />
                  <Checkbox label="Thủ trưởng" checked={p.isHead} onChange={(e) => setPost(p.key, { isHead: e.currentTarget.checked })} mt={30} />
                  <ActionIcon variant="subtle" color="red" mt={26} aria-label="Bỏ chức vụ" onClick={() => setDraft({ ...draft, posts: draft.posts.filter((x) => x.key !== p.key) })}>
                    ✕
                  </ActionIcon>
                </Group>
              </Paper>
            ))}
            <Group>
              <Button variant="light" size="xs" onClick={() => setDraft({ ...draft, posts: [...draft.posts, newPostRow()] })}>
                Thêm chức vụ
              </Button>
            </Group>
            <FormActions error={form.error} onCancel={form.close} onSubmit={save} busy={form.busy} submitLabel="Lưu" />
          </Stack>
        )}
      </Modal>
      <ImportErrorsModal report={sheets.report} onClose={sheets.closeReport} />
    </Stack>
  );
}

/** The summary lists the official's fields, then each post's fields in the order they are shown. */
function officialFieldOrder(posts: number): string[] {
  return ['fullName', 'phone', 'email', ...Array.from({ length: posts }, (_, i) => ['unitId', 'title', 'from', 'to'].map((f) => `posts.${i}.${f}`)).flat()];
}

/** Beside a post's field the message drops "Chức vụ thứ N – <field>:", which the field's place already says. */
function beside(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const rest = message.replace(/^Chức vụ thứ \d+ – [^:]+: /, '');
  return rest.charAt(0).toLocaleUpperCase('vi-VN') + rest.slice(1);
}
