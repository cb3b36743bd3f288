import { useMemo, useState } from 'react';
import { Alert, Autocomplete, Button, Group, Loader, Modal, Paper, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { formatUserDate, parseUserDate } from '@shared/text/dates';
import { directiveKindLabels, directiveKinds, directiveReference, type AttachmentRef, type Directive, type DirectiveInput, type DirectiveKind } from '@shared/tasks/model';
import { foldVietnamese, makeSearchIndex } from '@shared/text/search';
import { navigate } from '../../shell/router';
import { currentDb, writeContext } from '../../state/app';
import { formatDate } from '../../ui/format';
import { FormActions } from '../../ui/FormActions';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useAction } from '../../ui/useAction';
import { FormErrorSummary } from '../../ui/FormErrorSummary';
import { DIRECTIVE_FIELD_ORDER, directiveFormErrors, type FormErrors } from '@shared/text/formErrors';
import { registerDirective } from './data/commands';
import { useDirective, useDirectives, useTaskList } from './data/queries';
import { DEFAULT_TASK_SORT } from './data/listSelection';
import { AttachmentList, attachFile } from './components/Attachments';
import { VirtualTable } from '../../ui/VirtualTable';
import { TaskColumns } from './components/taskColumns';
import { currentTaskActor, useRegistry, useTaskActor, useToday } from './context';
import { assignsWork, type Role } from '@shared/roles';

interface DirectiveDraft {
  id: string | null;
  kind: DirectiveKind;
  number: string;
  symbol: string;
  issuedOn: string;
  issuerName: string;
  subject: string;
  signerName: string;
  receivedOn: string;
  attachments: AttachmentRef[];
}

function emptyDraft(today: string): DirectiveDraft {
  return { id: null, kind: 'officialLetter', number: '', symbol: '', issuedOn: formatUserDate(today), issuerName: '', subject: '', signerName: '', receivedOn: formatUserDate(today), attachments: [] };
}

export function canRegisterDirectives(role: Role): boolean {
  return assignsWork(role);
}

/** Văn bản chỉ đạo: the register (#/directives) and one directive with its tasks (#/directives/<id>). */
export function DirectivesPage({ subPath }: { subPath: string }) {
  const [draft, setDraft] = useState<DirectiveDraft | null>(null);
  const today = useToday();
  return (
    <>
      {subPath ? <DirectiveDetail id={subPath} onEdit={(d) => setDraft(toDraft(d))} /> : <DirectiveList onNew={() => setDraft(emptyDraft(today))} />}
      <DirectiveForm draft={draft} onChange={setDraft} />
    </>
  );
}

function toDraft(d: Directive): DirectiveDraft {
  return { ...d, issuedOn: formatUserDate(d.issuedOn), receivedOn: formatUserDate(d.receivedOn) };
}

function DirectiveList({ onNew }: { onNew: () => void }) {
  const directives = useDirectives();
  const actor = useTaskActor();
  const [query, setQuery] = useState('');
  const search = useMemo(
    () => makeSearchIndex(directives ?? [], (d) => `${directiveKindLabels[d.kind]} ${directiveReference(d)} ${d.issuerName} ${d.subject} ${d.signerName}`),
    [directives],
  );
  const shown = useMemo(() => search(query), [search, query]);
  if (!directives) return <Loader />;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>Văn bản chỉ đạo</Title>
        {canRegisterDirectives(actor.role) && <Button onClick={onNew}>Vào sổ văn bản</Button>}
      </Group>
      <TextInput placeholder="Tìm theo số, ký hiệu, trích yếu, cơ quan ban hành (gõ không dấu cũng được)" value={query} onChange={(e) => setQuery(e.currentTarget.value)} aria-label="Tìm văn bản" />
      <Text size="sm" c="dimmed">
        {shown.length} / {directives.length} văn bản
      </Text>
      <VirtualTable
        label="Danh sách văn bản chỉ đạo"
        rows={shown}
        rowKey={(d) => d.id}
        height="calc(100vh - 270px)"
        rowHeight={48}
        onRowClick={(d) => navigate(`directives/${d.id}`)}
        empty={directives.length === 0 ? 'Chưa có văn bản chỉ đạo nào. Bấm "Vào sổ văn bản" để bắt đầu.' : 'Không có văn bản nào khớp.'}
        columns={[
          { header: 'Loại', width: '110px', cell: (d) => directiveKindLabels[d.kind] },
          { header: 'Số, ký hiệu', width: '150px', cell: (d) => <Text fw={600} size="sm">{directiveReference(d) || '—'}</Text> },
          { header: 'Ngày', width: '96px', cell: (d) => formatDate(d.issuedOn) },
          { header: 'Cơ quan ban hành', width: 'minmax(160px, 1fr)', cell: (d) => <Text size="sm" lineClamp={2} title={d.issuerName}>{d.issuerName}</Text> },
          { header: 'Trích yếu', width: 'minmax(240px, 2.5fr)', cell: (d) => <Text size="sm" lineClamp={2} title={d.subject}>{d.subject}</Text> },
          { header: 'Tệp', width: '48px', cell: (d) => (d.attachments.length ? `📎${d.attachments.length}` : '') },
        ]}
      />
    </Stack>
  );
}

function DirectiveDetail({ id, onEdit }: { id: string; onEdit: (d: Directive) => void }) {
  const directive = useDirective(id);
  const today = useToday();
  const actor = useTaskActor();
  const registry = useRegistry();
  const tasks = useTaskList({ directiveId: id }, DEFAULT_TASK_SORT, today);
  if (directive === undefined || !registry) return <Loader />;
  if (directive === null) return <Alert color="red">Không tìm thấy văn bản chỉ đạo.</Alert>;
  const ref = directiveReference(directive);
  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Button variant="subtle" size="compact-sm" onClick={() => navigate('directives')} w="fit-content">
            ← Danh sách văn bản
          </Button>
          <Title order={3}>
            {directiveKindLabels[directive.kind]}
            {ref ? ` số ${ref}` : ''} ngày {formatDate(directive.issuedOn)}
          </Title>
          <Text>{directive.subject}</Text>
        </Stack>
        {canRegisterDirectives(actor.role) && (
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" onClick={() => onEdit(directive)}>
              Sửa
            </Button>
            <Button onClick={() => navigate(`tasks/new/${directive.id}`)}>Giao nhiệm vụ từ văn bản này</Button>
          </Group>
        )}
      </Group>
      <Paper withBorder p="sm">
        <SimpleGrid cols={3} spacing="xs">
          <Fact label="Cơ quan ban hành" value={directive.issuerName} />
          <Fact label="Người ký" value={directive.signerName || '—'} />
          <Fact label="Ngày nhận" value={directive.receivedOn ? formatDate(directive.receivedOn) : '—'} />
        </SimpleGrid>
        {directive.attachments.length > 0 && (
          <Stack gap={4} mt="sm">
            <Text size="xs" c="dimmed">
              Tệp đính kèm
            </Text>
            <AttachmentList items={directive.attachments} />
          </Stack>
        )}
      </Paper>
      <Title order={5}>Nhiệm vụ giao từ văn bản ({tasks?.length ?? 0})</Title>
      <VirtualTable
        label="Nhiệm vụ của văn bản"
        rows={tasks ?? []}
        rowKey={(t) => t.id}
        height="calc(100vh - 420px)"
        onRowClick={(t) => navigate(`tasks/${t.id}`)}
        empty="Chưa giao nhiệm vụ nào từ văn bản này."
        columns={TaskColumns(registry, { withDirective: false })}
      />
    </Stack>
  );
}

export function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {value}
      </Text>
    </div>
  );
}

function DirectiveForm({ draft, onChange }: { draft: DirectiveDraft | null; onChange: (d: DirectiveDraft | null) => void }) {
  const registry = useRegistry();
  const [errors, setErrors] = useState<FormErrors>({});
  const action = useAction();
  const unitNames = useMemo(() => [...new Set((registry?.units ?? []).map((u) => u.name))], [registry]);
  const close = () => {
    onChange(null);
    action.setError(null);
    setErrors({});
  };
  const save = async () => {
    if (!draft) return;
    const problems = directiveFormErrors(draft);
    setErrors(problems);
    action.setError(null);
    const issuedOn = parseUserDate(draft.issuedOn);
    if (Object.keys(problems).length > 0 || !issuedOn) return;
    const receivedOn = draft.receivedOn.trim() ? parseUserDate(draft.receivedOn) : null;
    const issuer = registry?.units.find((u) => foldVietnamese(u.name) === foldVietnamese(draft.issuerName));
    const input: DirectiveInput = {
      kind: draft.kind,
      number: draft.number,
      symbol: draft.symbol,
      issuedOn,
      issuerName: draft.issuerName,
      issuerUnitId: issuer?.id ?? null,
      subject: draft.subject,
      signerName: draft.signerName,
      receivedOn,
      attachments: draft.attachments,
    };
    await action.run(async () => {
      const id = await registerDirective(currentDb(), writeContext(), currentTaskActor(), input, draft.id);
      notifySuccess(draft.id ? 'Đã lưu văn bản chỉ đạo.' : 'Đã vào sổ văn bản chỉ đạo.');
      close();
      navigate(`directives/${id}`);
    });
  };
  const attach = async () => {
    if (!draft) return;
    try {
      const file = await attachFile('Chọn bản chụp hoặc tệp PDF của văn bản');
      if (file) onChange({ ...draft, attachments: [...draft.attachments, file] });
    } catch (e) {
      notifyError(e, 'Không đính kèm được tệp');
    }
  };
  return (
    <Modal opened={!!draft} onClose={close} title={draft?.id ? 'Sửa văn bản chỉ đạo' : 'Vào sổ văn bản chỉ đạo'} size="xl">
      {draft && (
        <Stack>
          <FormErrorSummary errors={errors} order={DIRECTIVE_FIELD_ORDER} action="Chưa lưu được" />
          <Group grow>
            <Select label="Loại văn bản" data={directiveKinds.map((k) => ({ value: k, label: directiveKindLabels[k] }))} value={draft.kind} onChange={(v) => v && onChange({ ...draft, kind: v as DirectiveKind })} allowDeselect={false} />
            <TextInput label="Số" value={draft.number} onChange={(e) => onChange({ ...draft, number: e.currentTarget.value })} placeholder="1041" error={errors.number} />
            <TextInput label="Ký hiệu" value={draft.symbol} onChange={(e) => onChange({ ...draft, symbol: e.currentTarget.value })} placeholder="UBND-NC" error={errors.symbol} />
          </Group>
          <Group grow>
            <TextInput label="Ngày ban hành" value={draft.issuedOn} onChange={(e) => onChange({ ...draft, issuedOn: e.currentTarget.value })} placeholder="dd/mm/yyyy" required error={errors.issuedOn} />
            <TextInput label="Ngày nhận" value={draft.receivedOn} onChange={(e) => onChange({ ...draft, receivedOn: e.currentTarget.value })} placeholder="dd/mm/yyyy" error={errors.receivedOn} />
            <TextInput label="Người ký" value={draft.signerName} onChange={(e) => onChange({ ...draft, signerName: e.currentTarget.value })} error={errors.signerName} />
          </Group>
          <Autocomplete label="Cơ quan ban hành" data={unitNames} value={draft.issuerName} onChange={(v) => onChange({ ...draft, issuerName: v })} placeholder="Ủy ban nhân dân tỉnh Cao Bằng" required error={errors.issuerName} />
          <Textarea label="Trích yếu" value={draft.subject} onChange={(e) => onChange({ ...draft, subject: e.currentTarget.value })} autosize minRows={2} maxRows={6} required error={errors.subject} />
          <Group gap="sm">
            <Button variant="default" onClick={attach}>
              Đính kèm tệp (PDF, bản chụp)
            </Button>
            <AttachmentList items={draft.attachments} onRemove={(i) => onChange({ ...draft, attachments: draft.attachments.filter((_, j) => j !== i) })} />
          </Group>
          <FormActions error={action.error} onCancel={close} onSubmit={save} busy={action.busy} submitLabel="Lưu" />
        </Stack>
      )}
    </Modal>
  );
}
