import { useState } from 'react';
import { Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { addWorkingDays, formatDateVi, weekdayNameVi, type CalendarConfig } from '@shared/calendar';
import { checkDeadline, computeDeadline } from './calculator';
import { DeadlineBadge } from './DeadlineBadge';

function ErrorText({ children }: { children: string }) {
  return (
    <Text size="sm" c="red.8" role="alert">
      {children}
    </Text>
  );
}

/** "Tính hạn": date + N working days → deadline, and a deadline → time left or overdue. */
export function DeadlineCalculator({ config, today }: { config: CalendarConfig; today: string }) {
  const [from, setFrom] = useState(formatDateVi(today));
  const [days, setDays] = useState('10');
  const [due, setDue] = useState(() => formatDateVi(addWorkingDays(today, 10, config)));
  const [asOf, setAsOf] = useState(formatDateVi(today));
  const deadline = computeDeadline(from, days, config);
  const check = checkDeadline(due, asOf, config);

  return (
    <Paper withBorder p="md" data-testid="calculator">
      <Title order={4} mb="sm">
        Tính hạn
      </Title>
      <SimpleGrid cols={2} spacing="lg">
        <Stack gap="xs" aria-label="Tính hạn xử lý">
          <Text fw={600}>Từ ngày giao và số ngày làm việc → hạn xử lý</Text>
          <Group grow align="flex-start">
            <TextInput label="Ngày giao (ngày nhận)" placeholder="dd/mm/yyyy" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
            <TextInput label="Số ngày làm việc" value={days} onChange={(e) => setDays(e.currentTarget.value)} inputMode="numeric" />
          </Group>
          {deadline.ok ? (
            <Text size="sm" data-testid="deadline-result">
              Hạn xử lý: <b>{deadline.value.text}</b> ({deadline.value.calendarDays} ngày lịch sau ngày giao)
            </Text>
          ) : (
            <ErrorText>{deadline.error}</ErrorText>
          )}
          <Text size="xs" c="dimmed">
            Không tính ngày giao: hạn là ngày làm việc thứ N kể từ ngày hôm sau, bỏ qua thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết theo lịch này; thứ Bảy làm bù được tính là ngày làm việc.
          </Text>
        </Stack>
        <Stack gap="xs" aria-label="Kiểm tra thời hạn">
          <Text fw={600}>Kiểm tra thời hạn</Text>
          <Group grow align="flex-start">
            <TextInput label="Hạn xử lý" placeholder="dd/mm/yyyy" value={due} onChange={(e) => setDue(e.currentTarget.value)} />
            <TextInput label="Tính đến ngày" placeholder="dd/mm/yyyy" value={asOf} onChange={(e) => setAsOf(e.currentTarget.value)} />
          </Group>
          {check.ok ? (
            <Group gap="xs" data-testid="deadline-check">
              <DeadlineBadge dueOn={check.value.dueOn} asOf={check.value.asOf} soonWithin={0} size="lg" />
              {check.value.effectiveDueOn && check.value.effectiveDueOn !== check.value.dueOn && (
                <Text size="sm">
                  Hạn rơi vào ngày nghỉ, chuyển sang {weekdayNameVi(check.value.effectiveDueOn).toLowerCase()}, {formatDateVi(check.value.effectiveDueOn)}.
                </Text>
              )}
            </Group>
          ) : (
            <ErrorText>{check.error}</ErrorText>
          )}
          <Text size="xs" c="dimmed">
            Thời gian còn lại tính bằng ngày làm việc sau ngày đang xét đến hết hạn; số ngày quá hạn tính bằng ngày lịch kể từ ngày sau hạn.
          </Text>
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}
