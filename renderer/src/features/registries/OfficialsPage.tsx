import { useMemo, useState } from 'react';
import { ActionIcon, Badge, Button, Checkbox, Group, Loader, Modal, Paper, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { describePosts, type Official } from '@shared/registries/officials';
import { OFFICIAL_COLUMNS, officialsToRows, parseOfficialRows } from '@shared/registries/xlsxImport';
import { formatUserDate, parseUserDate } from '@shared/text/dates';
import { matchesSearch } from '@shared/text/search';
import { newId } from '@shared/data/ids';
import { currentDb, writeContext } from '../../state/app';
import { errorMessage, notifySuccess } from '../../ui/notify';
import { FormErrorSummary } from '../../ui/FormErrorSummary';
import { officialFormErrors, type FormErrors } from '@shared/text/formErrors';
import { todayVn } from '../../ui/format';
import { importOfficials, saveOfficial } from './commands';
import { useOfficials, usePosts, useUnits } from './queries';
import { currentActor, useIsAdmin } from './useActor';
import { ImportErrorsModal } from './ImportErrorsModal';
import { importSheet, saveSheet, unitSelectOptions, type ImportReport } from './xlsxFlow';

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
  const [draft, setDraft] = useState<Draft | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [importErrors, setImportErrors] = useState<ImportReport | null>(null);
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
    if (!draft) return;
    const problems = officialFormErrors(draft);
    setErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length > 0) return;
    const drafts = [];
    for (const p of draft.posts) {
      const from = parseUserDate(p.from);
      const to = p.to.trim() ? parseUserDate(p.to) : null;
      if (!p.unitId || !from) return;
      drafts.push({ id: p.id, unitId: p.unitId, title: p.title, isHead: p.isHead, from, to });
    }
    try {
      await saveOfficial(currentDb(), writeContext(), currentActor(), draft.id, { fullName: draft.fullName, phone: draft.phone, email: draft.email, active: draft.active }, drafts);
      notifySuccess(draft.id ? 'Đã lưu cán bộ.' : 'Đã thêm cán bộ.');
      setDraft(null);
      setFormError(null);
      setErrors({});
    } catch (e) {
      setFormError(errorMessage(e));
    }
  };

  const sample = units.find((u) => u.parentId) ?? units[0];
  const downloadTemplate = () =>
    saveSheet(
      'Lưu tệp mẫu danh mục cán bộ',
      'mau-danh-muc-can-bo.xlsx',
      {
        name: 'Cán bộ',
        columns: OFFICIAL_COLUMNS,
        rows: [
          ['CB01', 'Nguyễn Văn An', sample?.shortName ?? '', 'Phó Chủ tịch UBND', '', formatUserDate(today), '', '', ''],
          ['CB01', 'Nguyễn Văn An', sample?.shortName ?? '', 'Chánh Văn phòng', 'x', formatUserDate(today), '', '', ''],
        ],
      },
      (path) => `Đã lưu tệp mẫu: ${path}`,
    );
  const exportAll = () =>
    saveSheet(
      'Xuất danh mục cán bộ',
      'danh-muc-can-bo.xlsx',
      { name: 'Cán bộ', columns: OFFICIAL_COLUMNS, rows: officialsToRows(rows.map((x) => x.official), posts, units) },
      (path) => `Đã xuất ${rows.length} cán bộ: ${path}`,
    );
  const importFile = () =>
    importSheet(
      'Chọn tệp Excel danh mục cán bộ',
      (workbook) => {
        const parsed = parseOfficialRows(workbook, units, newId);
        return { errors: parsed.errors, warnings: parsed.warnings, value: parsed.officials };
      },
      setImportErrors,
      async (parsed, fileName) => `Đã nhập ${await importOfficials(currentDb(), writeContext(), currentActor(), parsed)} cán bộ từ ${fileName}.`,
    );

  const setPost = (key: string, patch: Partial<PostRow>) => draft && setDraft({ ...draft, posts: draft.posts.map((p) => (p.key === key ? { ...p, ...patch } : p)) });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>Danh mục cán bộ, công chức</Title>
        {isAdmin && (
          <Group gap="xs">
            <Button variant="default" onClick={downloadTemplate}>
              Tải tệp mẫu
            </Button>
            <Button variant="default" onClick={importFile}>
              Nhập từ Excel
            </Button>
            <Button variant="default" onClick={exportAll}>
              Xuất Excel
            </Button>
            <Button onClick={() => setDraft({ id: null, fullName: '', phone: '', email: '', active: true, posts: [newPostRow()] })}>Thêm cán bộ</Button>
          </Group>
        )}
      </Group>
      <TextInput placeholder="Tìm theo họ tên, chức vụ, đơn vị (gõ không dấu cũng được)" value={query} onChange={(e) => setQuery(e.currentTarget.value)} aria-label="Tìm cán bộ" />
      <Text size="sm" c="dimmed">
        {shown.length} / {rows.length} cán bộ
      </Text>
      <Table striped highlightOnHover withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={240}>Họ và tên</Table.Th>
            <Table.Th>Chức vụ hiện tại</Table.Th>
            <Table.Th w={130}>Trạng thái</Table.Th>
            {isAdmin && <Table.Th w={70} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map(({ official, postText }) => (
            <Table.Tr key={official.id}>
              <Table.Td>{official.fullName}</Table.Td>
              <Table.Td>{postText || <Text c="dimmed" size="sm">Chưa có chức vụ hiện hành</Text>}</Table.Td>
              <Table.Td>{official.active ? <Badge color="green">Đang công tác</Badge> : <Badge color="gray">Đã nghỉ</Badge>}</Table.Td>
              {isAdmin && (
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" onClick={() => edit(official)} aria-label={`Sửa ${official.fullName}`}>
                    Sửa
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
          {shown.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text c="dimmed" ta="center" py="md">
                  {rows.length === 0 ? 'Chưa có cán bộ nào. Thêm mới hoặc nhập từ Excel.' : 'Không có cán bộ nào khớp.'}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>

      <Modal opened={!!draft} onClose={() => { setDraft(null); setFormError(null); setErrors({}); }} title={draft?.id ? 'Sửa cán bộ' : 'Thêm cán bộ'} size={1080}>
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
            {formError && (
              <Text c="red" size="sm" role="alert">
                {formError}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => { setDraft(null); setFormError(null); setErrors({}); }}>
                Hủy
              </Button>
              <Button onClick={save}>Lưu</Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <ImportErrorsModal errors={importErrors?.errors ?? null} fileName={importErrors?.fileName ?? ''} imported={importErrors?.imported} onClose={() => setImportErrors(null)} />
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
