import { memo, useCallback, useMemo, useState } from 'react';
import { ActionIcon, Button, Group, Loader, Menu, Modal, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { SheetColumn } from '@shared/xlsx/sheets';
import { directiveReference, type Directive } from '@shared/tasks/model';
import { taskCategories, taskCategoryLabels, taskStatusLabels, type TaskCategory, type TaskStatus } from '@shared/tasks/state';
import { api } from '../../api';
import { navigate } from '../../shell/router';
import { useAppState } from '../../state/app';
import { formatDate } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useDirective, useDirectives, useTaskList } from './data/queries';
import { DEFAULT_TASK_SORT, searchNamesOf, type TaskListFilter, type TaskListItem, type TaskSort, type TaskSortKey } from './data/listSelection';
import { TaskColumns } from './components/taskColumns';
import { VirtualTable } from '../../ui/VirtualTable';
import { PlanImportButton } from './PlanImport';
import { useRegistry, useTaskActor, useToday, type Registry } from './context';
import { assignsWork } from '@shared/roles';

/**
 * Saved filters live in this browser profile's localStorage, one list per account
 * (key "dondoc.taskFilters.<username>"): they are a personal view, not data to sync or audit.
 */
interface SavedFilter {
  name: string;
  filter: TaskListFilter;
}
function savedKey(username: string): string {
  return `dondoc.taskFilters.${username}`;
}
export function loadSavedFilters(username: string): SavedFilter[] {
  try {
    const raw = localStorage.getItem(savedKey(username));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as SavedFilter[]).filter((f) => f && typeof f.name === 'string' && f.filter && typeof f.filter === 'object') : [];
  } catch {
    return [];
  }
}
function storeSavedFilters(username: string, list: SavedFilter[]): void {
  localStorage.setItem(savedKey(username), JSON.stringify(list));
}

/** What "Đang thực hiện" lists, the list's default: work not finished, including reports awaiting acceptance. */
export const OPEN: TaskStatus[] = ['active', 'paused', 'awaitingAcceptance'];
type StatusView = 'open' | 'completed' | 'cancelled' | 'all';
function statusView(f: TaskListFilter): StatusView {
  const s = f.statuses ?? [];
  if (s.length === 0) return 'all';
  if (s.includes('active')) return 'open';
  return s[0] === 'completed' ? 'completed' : 'cancelled';
}
const STATUS_OF: Record<StatusView, TaskStatus[] | undefined> = { open: OPEN, completed: ['completed'], cancelled: ['cancelled'], all: undefined };

/** Widths come from the content (the writer sizes them); date columns are real date cells. */
export const EXPORT_COLUMNS: SheetColumn[] = [
  { header: 'STT' },
  { header: 'Tên nhiệm vụ' },
  { header: 'Văn bản chỉ đạo' },
  { header: 'Đơn vị chủ trì' },
  { header: 'Đơn vị phối hợp' },
  { header: 'Người chịu trách nhiệm' },
  { header: 'Ngày giao', format: 'date' },
  { header: 'Hạn ban đầu', format: 'date' },
  { header: 'Hạn hiện tại', format: 'date' },
  { header: 'Ngày hoàn thành', format: 'date' },
  { header: 'Trạng thái' },
  { header: 'Phân loại' },
  { header: 'Tình trạng thời hạn' },
  { header: 'Tiến độ (%)' },
  { header: 'Năm kế hoạch' },
];

export function exportRows(items: readonly TaskListItem[], r: Registry): (string | number | null)[][] {
  return items.map((t, i) => [
    i + 1,
    t.title,
    t.directiveRef,
    r.unitName(t.leadUnitId),
    t.supportUnitIds.map((u) => r.unitName(u)).join('; '),
    r.officialName(t.responsibleOfficialId),
    formatDate(t.assignedOn),
    formatDate(t.originalDueOn),
    formatDate(t.effectiveDueOn),
    formatDate(t.completedOn),
    taskStatusLabels[t.status],
    t.category ? taskCategoryLabels[t.category] : '',
    t.label,
    t.percent,
    t.planYear,
  ]);
}

/**
 * The task list (#/tasks): filters over the local index, sortable virtualised table, saved
 * filters, export and plan import. `searchDelayMs` is how long typing pauses before the list
 * filters (the benchmark sets 0 to time the filtering itself).
 */
export function TaskListPage({ searchDelayMs = 250 }: { searchDelayMs?: number }) {
  const registry = useRegistry();
  const today = useToday();
  const actor = useTaskActor();
  const username = useAppState((s) => s.session?.account.username ?? '');
  const [filter, setFilter] = useState<TaskListFilter>(() => initialFilter());
  const [search, setSearch] = useState(filter.search ?? '');
  const [debounced] = useDebouncedValue(search, searchDelayMs);
  const [sort, setSort] = useState<TaskSort>(DEFAULT_TASK_SORT);
  const [saved, setSaved] = useState<SavedFilter[]>(() => loadSavedFilters(username));
  const [naming, setNaming] = useState<string | null>(null);
  const effective = useMemo(() => ({ ...filter, search: debounced || undefined }), [filter, debounced]);
  const names = useMemo(() => (registry ? searchNamesOf(registry.units, registry.officials) : undefined), [registry]);
  const tasks = useTaskList(effective, sort, today, names);

  const years = useMemo(() => {
    const y = Number(today.slice(0, 4));
    return Array.from({ length: 8 }, (_, i) => String(y + 1 - i));
  }, [today]);
  const unitOptions = useMemo(() => (registry?.units ?? []).map((u) => ({ value: u.id, label: u.name })), [registry]);
  const officialOptions = useMemo(() => (registry?.officials ?? []).map((o) => ({ value: o.id, label: o.fullName })), [registry]);
  // Stable callbacks and columns: a filter change re-renders the one control that changed and the rows, not the whole bar.
  const set = useCallback((patch: Partial<TaskListFilter>) => setFilter((f) => clean({ ...f, ...patch })), []);
  const onSort = useCallback(
    (key: TaskSortKey) => setSort((s) => (s.key === key ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: key === 'overdueDays' || key === 'percent' ? 'desc' : 'asc' })),
    [],
  );
  const columns = useMemo(() => (registry ? TaskColumns(registry) : []), [registry]);

  if (!registry) return <Loader />;
  const category = filter.categories?.[0] ?? null;
  const canAssign = assignsWork(actor.role);
  const active = Object.keys(filter).some((k) => k !== 'statuses') || !!search;

  const exportList = async () => {
    if (!tasks) return;
    try {
      const r = await api().call('xlsx:save', {
        title: 'Xuất danh sách nhiệm vụ',
        defaultName: `danh-sach-nhiem-vu-${today}.xlsx`,
        sheets: [{ name: 'Nhiệm vụ', columns: EXPORT_COLUMNS, rows: exportRows(tasks, registry) }],
      });
      if (!r.canceled) notifySuccess(`Đã xuất ${tasks.length} nhiệm vụ: ${r.path}`);
    } catch (e) {
      notifyError(e, 'Không xuất được danh sách');
    }
  };
  const saveCurrent = (name: string) => {
    const list = [...saved.filter((s) => s.name !== name), { name, filter: { ...filter, search: search || undefined } }];
    storeSavedFilters(username, list);
    setSaved(list);
    setNaming(null);
    notifySuccess(`Đã lưu bộ lọc "${name}".`);
  };
  const apply = (s: SavedFilter) => {
    setFilter(clean({ ...s.filter, search: undefined }));
    setSearch(s.filter.search ?? '');
  };
  const remove = (name: string) => {
    const list = saved.filter((s) => s.name !== name);
    storeSavedFilters(username, list);
    setSaved(list);
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Nhiệm vụ</Title>
        <Group gap="xs">
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default">Bộ lọc đã lưu{saved.length ? ` (${saved.length})` : ''}</Button>
            </Menu.Target>
            <Menu.Dropdown>
              {saved.length === 0 && <Menu.Label>Chưa lưu bộ lọc nào</Menu.Label>}
              {saved.map((s) => (
                <Menu.Item
                  key={s.name}
                  onClick={() => apply(s)}
                  rightSection={
                    <ActionIcon
                      size="xs"
                      variant="subtle"
                      color="red"
                      component="span"
                      aria-label={`Xóa bộ lọc ${s.name}`}
                      onClick={(e: React.MouseEvent) => {
                        e.stopPropagation();
                        remove(s.name);
                      }}
                    >
                      ✕
                    </ActionIcon>
                  }
                >
                  {s.name}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item onClick={() => setNaming('')} disabled={!active}>
                Lưu bộ lọc hiện tại…
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <Button variant="default" onClick={exportList} disabled={!tasks || tasks.length === 0}>
            Xuất Excel
          </Button>
          {canAssign && <PlanImportButton />}
          {canAssign && <Button onClick={() => navigate('tasks/new')}>Giao nhiệm vụ</Button>}
        </Group>
      </Group>

      <SimpleGrid cols={4} spacing="xs" verticalSpacing="xs">
        <TextInput label="Tìm kiếm" placeholder="Tên, số văn bản, đơn vị chủ trì, người chịu trách nhiệm (gõ không dấu được)" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <FilterSelect label="Đơn vị (chủ trì hoặc phối hợp)" data={unitOptions} value={filter.unitId ?? null} patch={PATCH.unitId} set={set} searchable />
        <FilterSelect label="Phân loại" data={CATEGORY_OPTIONS} value={category} patch={PATCH.category} set={set} />
        <FilterSelect label="Năm kế hoạch" data={years} value={filter.planYear !== undefined ? String(filter.planYear) : null} patch={PATCH.planYear} set={set} />
        <DirectiveFilter value={filter.directiveId ?? null} set={set} />
        <FilterSelect label="Người chịu trách nhiệm" data={officialOptions} value={filter.responsibleOfficialId ?? null} patch={PATCH.responsibleOfficialId} set={set} searchable />
        <FilterSelect label="Lãnh đạo giao" data={officialOptions} value={filter.assignerOfficialId ?? null} patch={PATCH.assignerOfficialId} set={set} searchable />
        <Group align="flex-end" gap="md" pb={6}>
          <FilterSwitch label="Sắp đến hạn" checked={!!filter.dueSoonOnly} field="dueSoonOnly" set={set} />
          <FilterSwitch label="Đang xin gia hạn" checked={!!filter.pendingExtensionOnly} field="pendingExtensionOnly" set={set} />
        </Group>
      </SimpleGrid>
      <Group justify="space-between">
        <Group gap="md">
          <SegmentedControl
            size="xs"
            aria-label="Trạng thái"
            value={statusView(filter)}
            onChange={(v) => set(PATCH.statusView(v))}
            data={[
              { value: 'open', label: 'Đang thực hiện' },
              { value: 'completed', label: 'Đã hoàn thành' },
              { value: 'cancelled', label: 'Đã hủy' },
              { value: 'all', label: 'Tất cả' },
            ]}
          />
          <Text size="sm" c="dimmed" aria-live="polite">
            {tasks ? `${tasks.length.toLocaleString('vi-VN')} nhiệm vụ` : 'Đang lọc…'}
          </Text>
        </Group>
        {active && (
          <Tooltip label="Bỏ mọi điều kiện lọc">
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() => {
                setFilter({ statuses: filter.statuses });
                setSearch('');
              }}
            >
              Bỏ lọc
            </Button>
          </Tooltip>
        )}
      </Group>
      <VirtualTable
        label="Danh sách nhiệm vụ"
        rows={tasks ?? []}
        rowKey={(t) => t.id}
        height="calc(100vh - 330px)"
        onRowClick={openTask}
        sort={sort}
        onSort={onSort}
        empty={tasks ? (active ? 'Không có nhiệm vụ nào khớp điều kiện lọc.' : 'Chưa có nhiệm vụ nào.') : 'Đang tải…'}
        columns={columns}
      />
      <Modal opened={naming !== null} onClose={() => setNaming(null)} title="Lưu bộ lọc hiện tại" size="sm">
        <Stack>
          <TextInput label="Tên bộ lọc" value={naming ?? ''} onChange={(e) => setNaming(e.currentTarget.value)} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setNaming(null)}>
              Hủy
            </Button>
            <Button onClick={() => naming?.trim() && saveCurrent(naming.trim())} disabled={!naming?.trim()}>
              Lưu
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

const openTask = (t: TaskListItem) => navigate(`tasks/${t.id}`);
const CATEGORY_OPTIONS = taskCategories.map((c) => ({ value: c, label: taskCategoryLabels[c] }));

type Patch = (value: string | null) => Partial<TaskListFilter>;
/** What each filter control changes; module constants so the memoised controls keep equal props. */
const PATCH = {
  unitId: (v) => ({ unitId: v ?? undefined }),
  category: (v) => ({ categories: v ? [v as TaskCategory] : undefined, ...(v ? { statuses: undefined } : {}) }),
  planYear: (v) => ({ planYear: v ? Number(v) : undefined }),
  directiveId: (v) => ({ directiveId: v ?? undefined }),
  responsibleOfficialId: (v) => ({ responsibleOfficialId: v ?? undefined }),
  assignerOfficialId: (v) => ({ assignerOfficialId: v ?? undefined }),
  statusView: (v) => ({ statuses: STATUS_OF[v as StatusView], ...(v !== 'all' ? { categories: undefined } : {}) }),
} satisfies Record<string, Patch>;

const FilterSelect = memo(function FilterSelect(props: {
  label: string;
  data: readonly (string | { value: string; label: string })[];
  value: string | null;
  patch: Patch;
  set(patch: Partial<TaskListFilter>): void;
  searchable?: boolean;
}) {
  const { patch, set, data, ...rest } = props;
  return <Select {...rest} data={data as (string | { value: string; label: string })[]} onChange={(v) => set(patch(v))} clearable limit={100} placeholder="Tất cả" />;
});

const directiveOption = (d: Directive) => ({ value: d.id, label: `${directiveReference(d) || 'Không số'} – ${d.subject.slice(0, 80)}` });

/**
 * The directive filter reads the directive list only when its dropdown first opens: a province
 * holds tens of thousands of directives, and reading them all would delay every opening of the list.
 */
const DirectiveFilter = memo(function DirectiveFilter(props: { value: string | null; set(patch: Partial<TaskListFilter>): void }) {
  const [opened, setOpened] = useState(false);
  const all = useDirectives(opened);
  const selected = useDirective(props.value);
  const data = useMemo(() => (all ? all.map(directiveOption) : selected ? [directiveOption(selected)] : []), [all, selected]);
  const { set } = props;
  return (
    <Select
      label="Văn bản chỉ đạo"
      data={data}
      value={props.value}
      onDropdownOpen={() => setOpened(true)}
      onChange={(v) => set(PATCH.directiveId(v))}
      searchable
      clearable
      limit={100}
      placeholder="Tất cả"
      nothingFoundMessage={opened && !all ? 'Đang tải danh sách văn bản…' : 'Không có văn bản phù hợp'}
    />
  );
});

const FilterSwitch = memo(function FilterSwitch(props: { label: string; checked: boolean; field: 'dueSoonOnly' | 'pendingExtensionOnly'; set(patch: Partial<TaskListFilter>): void }) {
  const { field, set } = props;
  return <Switch label={props.label} checked={props.checked} onChange={(e) => set({ [field]: e.currentTarget.checked || undefined })} />;
});

function clean(f: TaskListFilter): TaskListFilter {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  return out as TaskListFilter;
}

/** "#/tasks?c=openOverdue&u=<unit>" links from the dashboard open the list pre-filtered. */
function initialFilter(): TaskListFilter {
  const q = window.location.hash.split('?')[1];
  // The plain list opens on the work still to do; a link with conditions shows every status.
  if (!q) return { statuses: OPEN };
  const p = new URLSearchParams(q);
  const f: TaskListFilter = {};
  const c = p.get('c');
  if (c && (taskCategories as readonly string[]).includes(c)) f.categories = [c as TaskCategory];
  if (p.get('u')) f.unitId = p.get('u')!;
  if (p.get('soon') === '1') f.dueSoonOnly = true;
  if (p.get('o')) f.responsibleOfficialId = p.get('o')!;
  if (p.get('x') === '1') f.pendingExtensionOnly = true;
  return f;
}
