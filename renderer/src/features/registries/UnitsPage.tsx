import { useMemo, useState } from 'react';
import { Badge, Button, Group, Loader, Modal, NumberInput, Select, Stack, Table, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { buildUnitTree, flattenUnitTree, isUnitValidOn, unitKindLabels, unitKinds, type Unit, type UnitInput, type UnitKind } from '@shared/registries/units';
import { UNIT_COLUMNS, parseUnitRows, unitsToRows } from '@shared/registries/xlsxImport';
import { formatUserDate, parseUserDate } from '@shared/text/dates';
import { matchesSearch } from '@shared/text/search';
import { newId } from '@shared/data/ids';
import { currentDb, writeContext } from '../../state/app';
import { FormErrorSummary } from '../../ui/FormErrorSummary';
import { FormActions } from '../../ui/FormActions';
import { useEditDialog } from '../../ui/useEditDialog';
import { UNIT_FIELD_ORDER, unitFormErrors, type UnitFormDraft } from '@shared/text/formErrors';
import { formatDate, todayVn } from '../../ui/format';
import { importUnits, saveUnit } from './commands';
import { useOrganisation, useUnits } from './queries';
import { PairingNotice, useAwaitsRegistry } from '../sync/PairingNotice';
import { UNIT_REGISTRY_OWNER } from '@shared/authority';
import { currentActor, useIsAdmin } from './useActor';
import { ImportErrorsModal } from './ImportErrorsModal';
import { EDIT_COLUMN, EditCell, EmptyRow, RegistrySearch, RegistryToolbar } from './RegistryParts';
import { TableHead } from '../../ui/TableParts';
import { unitSelectOptions, useRegistrySheets } from './xlsxFlow';

/** The form's fields as typed (dates dd/mm/yyyy), and the unit it edits (null: a new one). */
interface Draft extends UnitFormDraft {
  id: string | null;
  kind: UnitKind;
}

const emptyDraft = (): Draft => ({ id: null, name: '', shortName: '', kind: 'department', symbol: '', parentId: null, validFrom: formatUserDate(todayVn()), validTo: '', order: 10, fields: [] });

export function UnitsPage() {
  const units = useUnits();
  const isAdmin = useIsAdmin();
  const org = useOrganisation();
  const awaiting = useAwaitsRegistry();
  // Only the coordinator writes the unit registry (ARCHITECTURE.md, "Authority"); a unit office reads it.
  const canEdit = isAdmin && org?.siteRole === 'coordinator';
  const [query, setQuery] = useState('');
  const form = useEditDialog<Draft>();
  const { draft, setDraft, errors } = form;
  const today = todayVn();

  const rows = useMemo(() => flattenUnitTree(buildUnitTree(units ?? [])), [units]);
  const shown = useMemo(() => rows.filter((r) => matchesSearch(`${r.unit.name} ${r.unit.shortName} ${r.unit.symbol} ${r.unit.fields.join(' ')}`, query)), [rows, query]);
  const byId = useMemo(() => new Map((units ?? []).map((u) => [u.id, u])), [units]);
  const allFields = useMemo(() => [...new Set((units ?? []).flatMap((u) => u.fields))].sort(), [units]);
  const sheets = useRegistrySheets({
    noun: 'đơn vị',
    sheetName: 'Đơn vị',
    fileStem: 'danh-muc-don-vi',
    columns: UNIT_COLUMNS,
    templateRows: () => [['Phòng Kinh tế', 'PKT', unitKindLabels.department, 'KT', units?.find((u) => !u.parentId)?.shortName ?? '', formatUserDate(today), '', 2, 'Nông nghiệp; Xây dựng']],
    exportRows: () => ({ rows: unitsToRows(rows.map((r) => r.unit)), count: rows.length }),
    parse: (workbook) => {
      const parsed = parseUnitRows(workbook, units ?? [], newId);
      return { errors: parsed.errors, warnings: parsed.warnings, value: parsed.units };
    },
    write: (parsed) => importUnits(currentDb(), writeContext(), currentActor(), parsed),
  });

  if (!units) return <Loader />;

  const edit = (u: Unit) =>
    setDraft({ ...u, validFrom: formatUserDate(u.validFrom), validTo: formatUserDate(u.validTo) });

  const save = async () => {
    if (!draft) return;
    const validFrom = parseUserDate(draft.validFrom);
    const validTo = draft.validTo.trim() ? parseUserDate(draft.validTo) : null;
    if (!form.check(unitFormErrors(draft)) || !validFrom) return;
    const input: UnitInput = { name: draft.name, shortName: draft.shortName, kind: draft.kind, symbol: draft.symbol.toUpperCase(), parentId: draft.parentId, validFrom, validTo, order: draft.order, fields: draft.fields };
    await form.save(() => saveUnit(currentDb(), writeContext(), currentActor(), draft.id, input), draft.id ? 'Đã lưu đơn vị.' : 'Đã thêm đơn vị.');
  };

  const unitOptions = unitSelectOptions(units, draft?.id);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>Danh mục đơn vị</Title>
        {canEdit && <RegistryToolbar onTemplate={sheets.downloadTemplate} onImport={sheets.importFile} onExport={sheets.exportAll} onAdd={() => setDraft(emptyDraft())} addLabel="Thêm đơn vị" />}
        {org?.siteRole === 'unit' && rows.length > 0 && (
          <Button variant="default" onClick={sheets.exportAll}>
            Xuất Excel
          </Button>
        )}
      </Group>
      {awaiting && <PairingNotice />}
      {org?.siteRole === 'unit' && !awaiting && (
        <Text size="sm" c="dimmed">
          {UNIT_REGISTRY_OWNER}
        </Text>
      )}
      <RegistrySearch query={query} onQuery={setQuery} placeholder="Tìm theo tên, tên viết tắt, ký hiệu, lĩnh vực (gõ không dấu cũng được)" label="Tìm đơn vị" shown={shown.length} total={rows.length} noun="đơn vị" />
      <Table striped highlightOnHover withTableBorder>
        <TableHead columns={['Tên đơn vị', { label: 'Viết tắt', w: 110 }, { label: 'Loại', w: 200 }, { label: 'Ký hiệu', w: 90 }, { label: 'Hiệu lực', w: 190 }, ...(canEdit ? [EDIT_COLUMN] : [])]} />
        <Table.Tbody>
          {shown.map(({ unit, depth }) => (
            <Table.Tr key={unit.id}>
              <Table.Td>
                <span className="tree-indent" style={{ width: depth * 20 }} />
                {unit.name}
                {unit.fields.length > 0 && (
                  <Text size="xs" c="dimmed" span>
                    {' '}
                    · {unit.fields.join(', ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{unit.shortName}</Table.Td>
              <Table.Td>{unitKindLabels[unit.kind]}</Table.Td>
              <Table.Td>{unit.symbol}</Table.Td>
              <Table.Td>
                {formatDate(unit.validFrom)}
                {unit.validTo ? ` – ${formatDate(unit.validTo)}` : ''}{' '}
                {!isUnitValidOn(unit, today) && (
                  <Badge color="gray" size="xs">
                    Hết hiệu lực
                  </Badge>
                )}
              </Table.Td>
              {canEdit && <EditCell name={unit.name} onEdit={() => edit(unit)} />}
            </Table.Tr>
          ))}
          {shown.length === 0 && <EmptyRow colSpan={6}>{rows.length === 0 ? 'Chưa có đơn vị nào.' : 'Không có đơn vị nào khớp.'}</EmptyRow>}
        </Table.Tbody>
      </Table>

      <Modal opened={!!draft} onClose={form.close} title={draft?.id ? 'Sửa đơn vị' : 'Thêm đơn vị'} size="lg">
        {draft && (
          <Stack>
            <FormErrorSummary errors={errors} order={UNIT_FIELD_ORDER} action="Chưa lưu được" />
            <TextInput label="Tên đơn vị" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} required error={errors.name} />
            <Group grow align="flex-start">
              <TextInput label="Tên viết tắt" value={draft.shortName} onChange={(e) => setDraft({ ...draft, shortName: e.currentTarget.value })} required error={errors.shortName} />
              <TextInput label="Ký hiệu văn bản" value={draft.symbol} onChange={(e) => setDraft({ ...draft, symbol: e.currentTarget.value.toUpperCase() })} error={errors.symbol} />
            </Group>
            <Group grow>
              <Select label="Loại đơn vị" data={unitKinds.map((k) => ({ value: k, label: unitKindLabels[k] }))} value={draft.kind} onChange={(v) => v && setDraft({ ...draft, kind: v as UnitKind })} allowDeselect={false} />
              <Select label="Đơn vị cấp trên" data={unitOptions} value={draft.parentId} onChange={(v) => setDraft({ ...draft, parentId: v })} clearable searchable placeholder="(cấp cao nhất)" />
            </Group>
            <Group grow align="flex-start">
              <TextInput label="Hiệu lực từ ngày" placeholder="dd/mm/yyyy" value={draft.validFrom} onChange={(e) => setDraft({ ...draft, validFrom: e.currentTarget.value })} required error={errors.validFrom} />
              <TextInput label="Hiệu lực đến ngày" placeholder="(còn hiệu lực)" value={draft.validTo} onChange={(e) => setDraft({ ...draft, validTo: e.currentTarget.value })} error={errors.validTo} />
              <NumberInput label="Thứ tự" min={0} value={draft.order} onChange={(v) => setDraft({ ...draft, order: typeof v === 'number' ? v : 0 })} />
            </Group>
            <TagsInput
              label="Lĩnh vực phụ trách"
              data={allFields}
              value={draft.fields}
              onChange={(v) => setDraft({ ...draft, fields: v })}
              placeholder="Chọn hoặc gõ lĩnh vực rồi nhấn Enter"
              clearable
            />
            {draft.parentId && byId.get(draft.parentId) && (
              <Text size="xs" c="dimmed">
                Trực thuộc: {byId.get(draft.parentId)?.name}
              </Text>
            )}
            <FormActions error={form.error} onCancel={form.close} onSubmit={save} busy={form.busy} submitLabel="Lưu" />
          </Stack>
        )}
      </Modal>
      <ImportErrorsModal report={sheets.report} onClose={sheets.closeReport} />
    </Stack>
  );
}
