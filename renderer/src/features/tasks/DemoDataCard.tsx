import { useState } from 'react';
import { Alert, Button, Group, Paper, Progress, SegmentedControl, Stack, Text } from '@mantine/core';
import { DEMO_SIZES, generateDemoData, type DemoOptions } from '@shared/demo/generator';
import { currentDb, writeContext } from '../../state/app';
import { notifyError, notifySuccess } from '../../ui/notify';
import { loadDemoData, type DemoLoadProgress } from './data/demo';
import { useDemoRefusal } from './data/queries';
import { currentTaskActor, useToday } from './context';
import { useIsAdmin } from '../registries/useActor';

type Size = 'office' | 'small';
const SIZES: Record<Size, { label: string; options: Omit<DemoOptions, 'seed' | 'today'> }> = {
  office: { label: 'Văn phòng (5.000 nhiệm vụ)', options: { ...DEMO_SIZES.small } },
  small: { label: 'Nhỏ (300 nhiệm vụ)', options: { tasks: 300, progressReports: 1_200, communes: 5, years: 2 } },
};
const STAGES: Record<DemoLoadProgress['stage'], string> = {
  registries: 'Đang ghi danh mục đơn vị, cán bộ…',
  directives: 'Đang ghi văn bản chỉ đạo…',
  tasks: 'Đang ghi nhiệm vụ và diễn biến…',
  done: 'Hoàn tất.',
};

/**
 * "Nạp dữ liệu mẫu" for administrators: a generated province with units, officials,
 * directives and tasks, to try the app or train staff. Refused (with the reason) once the
 * database holds real work.
 */
export function DemoDataCard({ compact = false }: { compact?: boolean }) {
  const isAdmin = useIsAdmin();
  const today = useToday();
  const refusal = useDemoRefusal();
  const [size, setSize] = useState<Size>('office');
  const [progress, setProgress] = useState<DemoLoadProgress | null>(null);
  if (!isAdmin || refusal === undefined) return null;

  const load = async () => {
    setProgress({ stage: 'registries', done: 0, total: SIZES[size].options.tasks });
    try {
      // Let the progress bar paint before the synchronous generator runs.
      await new Promise((r) => setTimeout(r, 30));
      const data = generateDemoData({ seed: 20250701, today, ...SIZES[size].options });
      const r = await loadDemoData(currentDb(), writeContext(), currentTaskActor(), data, setProgress);
      notifySuccess(`Đã nạp dữ liệu mẫu: ${r.units} đơn vị, ${r.officials} cán bộ, ${r.directives} văn bản, ${r.tasks.toLocaleString('vi-VN')} nhiệm vụ.`);
    } catch (e) {
      notifyError(e, 'Không nạp được dữ liệu mẫu');
    } finally {
      setProgress(null);
    }
  };

  return (
    <Paper withBorder p="md" maw={compact ? undefined : 720}>
      <Stack gap="sm">
        <Text fw={600}>Nạp dữ liệu mẫu</Text>
        <Text size="sm" c="dimmed">
          Tạo một tỉnh mẫu với các sở, xã, cán bộ, văn bản chỉ đạo và nhiệm vụ nhiều năm (có báo cáo tiến độ, gia hạn, quá hạn) để dùng thử hoặc tập huấn. Chỉ nạp được vào cơ sở dữ liệu vừa thiết lập, chưa có dữ liệu thật. Dữ liệu mẫu chỉ nằm trên máy này: máy đã nạp dữ liệu mẫu không gửi và không nhận gói đồng bộ.
        </Text>
        {refusal ? (
          <Alert color="gray" variant="light" p="xs">
            {refusal}
          </Alert>
        ) : (
          <>
            <SegmentedControl
              aria-label="Cỡ dữ liệu mẫu"
              value={size}
              onChange={(v) => setSize(v as Size)}
              data={(Object.keys(SIZES) as Size[]).map((k) => ({ value: k, label: SIZES[k].label }))}
              disabled={!!progress}
              w="fit-content"
            />
            {progress && (
              <Stack gap={4}>
                <Progress value={progress.total ? (100 * progress.done) / progress.total : 0} animated aria-label="Tiến độ nạp dữ liệu mẫu" />
                <Text size="xs" c="dimmed">
                  {STAGES[progress.stage]} {progress.stage === 'tasks' ? `${progress.done.toLocaleString('vi-VN')} / ${progress.total.toLocaleString('vi-VN')}` : ''}
                </Text>
              </Stack>
            )}
            <Group>
              <Button onClick={load} loading={!!progress}>
                Nạp dữ liệu mẫu
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
