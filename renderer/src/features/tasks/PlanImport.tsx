import { useMemo, useState } from 'react';
import { Button, Group, Modal, NumberInput, Select, Stack, Text } from '@mantine/core';
import { isUnitValidOn } from '@shared/registries/units';
import { describeDirective } from '@shared/tasks/model';
import { PLAN_COLUMNS, parsePlanRows, planTemplateRows } from '@shared/tasks/planImport';
import { api } from '../../api';
import { navigate } from '../../shell/router';
import { currentDb, writeContext } from '../../state/app';
import { ErrorAlert } from '../../ui/FormActions';
import { errorMessage, notifySuccess } from '../../ui/notify';
import { useAction } from '../../ui/useAction';
import { ImportErrorsModal } from '../registries/ImportErrorsModal';
import type { ImportReport } from '../registries/xlsxFlow';
import { useOrganisation } from '../registries/queries';
import { createTasks } from './data/commands';
import { useDirectives } from './data/queries';
import { currentTaskActor, useRegistry, useToday } from './context';

/** "Nhập kế hoạch năm": choose the shared fields, download the template or pick a filled one; nothing is created while any row is wrong. */
export function PlanImportButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        Nhập kế hoạch năm
      </Button>
      {open && <PlanImportModal onClose={() => setOpen(false)} />}
    </>
  );
}

function PlanImportModal({ onClose }: { onClose: () => void }) {
  const registry = useRegistry();
  const org = useOrganisation();
  const directives = useDirectives();
  const today = useToday();
  const [assignerUnitId, setAssigner] = useState<string | null>(null);
  const [assignerOfficialId, setLeader] = useState<string | null>(null);
  const [planYear, setYear] = useState<number | string>(Number(today.slice(0, 4)));
  const [directiveId, setDirective] = useState<string | null>(null);
  const action = useAction();
  const setError = action.setError;
  const [importErrors, setImportErrors] = useState<ImportReport | null>(null);
  const assigner = assignerUnitId ?? org?.authorityUnitId ?? null;
  const unitOptions = useMemo(() => (registry?.units ?? []).filter((u) => isUnitValidOn(u, today)).map((u) => ({ value: u.id, label: u.name })), [registry, today]);
  const leaders = registry?.officialsOf(assigner, today) ?? [];

  // Saving the template is not the import: a failure shows in place, the import's button does not spin.
  const template = async () => {
    const units = (registry?.units ?? []).filter((u) => u.parentId !== null && isUnitValidOn(u, today));
    try {
      const r = await api().call('xlsx:save', {
        title: 'Lưu tệp mẫu kế hoạch năm',
        defaultName: `mau-ke-hoach-nhiem-vu-${planYear || today.slice(0, 4)}.xlsx`,
        sheets: [{ name: 'Kế hoạch', columns: PLAN_COLUMNS, rows: planTemplateRows(units[0]?.shortName ?? 'PKT', units[1]?.shortName ?? '', Number(planYear) || Number(today.slice(0, 4))) }],
      });
      if (!r.canceled) notifySuccess(`Đã lưu tệp mẫu: ${r.path}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const importFile = async () => {
    setError(null);
    if (!registry || !assigner) return setError('Chọn cơ quan giao nhiệm vụ.');
    const year = Number(planYear);
    if (!Number.isInteger(year) || year < 1900 || year > 2100) return setError('Nhập năm kế hoạch.');
    await action.run(async () => {
      const r = await api().call('xlsx:open', { title: 'Chọn tệp Excel kế hoạch năm' });
      if (r.canceled || !r.fileName || !r.workbook) return;
      const parsed = parsePlanRows(r.workbook, {
        units: registry.units,
        officials: registry.officials,
        posts: registry.posts,
        assignerUnitId: assigner,
        assignerOfficialId,
        directiveId,
        planYear: year,
        assignedOn: today,
        defaultAuthorityLevel: 'unit',
      });
      if (parsed.errors.length) {
        setImportErrors({ errors: parsed.errors, fileName: r.fileName, imported: false });
        return;
      }
      const ids = await createTasks(currentDb(), writeContext(), currentTaskActor(), parsed.drafts);
      notifySuccess(`Đã giao ${ids.length} nhiệm vụ của kế hoạch năm ${year} từ ${r.fileName}.`);
      if (parsed.warnings.length) {
        setImportErrors({ errors: parsed.warnings, fileName: r.fileName, imported: true });
        return;
      }
      onClose();
      navigate('tasks');
    });
  };

  return (
    <>
      <Modal opened={!importErrors} onClose={onClose} title="Nhập kế hoạch năm từ Excel" size="lg">
        <Stack>
          <Text size="sm">
            Mỗi dòng của tệp là một nhiệm vụ. Các thông tin chung dưới đây áp dụng cho mọi dòng; ngày giao là hôm nay. Nếu có dòng sai, chưa nhiệm vụ nào được giao.
          </Text>
          <Group grow>
            <Select label="Cơ quan giao" data={unitOptions} value={assigner} onChange={(v) => { setAssigner(v); setLeader(null); }} searchable allowDeselect={false} />
            <Select label="Lãnh đạo giao" data={leaders.map((l) => ({ value: l.official.id, label: `${l.official.fullName} – ${l.title}` }))} value={assignerOfficialId} onChange={setLeader} clearable searchable />
          </Group>
          <Group grow>
            <NumberInput label="Năm kế hoạch" value={planYear} onChange={setYear} min={1900} max={2100} allowDecimal={false} />
            <Select label="Theo văn bản (kế hoạch)" data={(directives ?? []).map((d) => ({ value: d.id, label: describeDirective(d) }))} value={directiveId} onChange={setDirective} clearable searchable limit={100} placeholder="(không chọn)" />
          </Group>
          <ErrorAlert error={action.error} />
          <Group justify="space-between">
            <Button variant="default" onClick={template}>
              Tải tệp mẫu kế hoạch
            </Button>
            <Button onClick={importFile} loading={action.busy}>
              Chọn tệp và nhập
            </Button>
          </Group>
        </Stack>
      </Modal>
      <ImportErrorsModal
        report={importErrors}
        onClose={() => {
          const imported = importErrors?.imported;
          setImportErrors(null);
          if (imported) {
            onClose();
            navigate('tasks');
          }
        }}
      />
    </>
  );
}
