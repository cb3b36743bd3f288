import { useMemo, useState } from 'react';
import { ActionIcon, Badge, Box, Button, Group, Loader, NumberInput, Paper, ScrollArea, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import {
  ANNOUNCED_SCHEDULES,
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  formatDateVi,
  lunarYearName,
  todayInVietnam,
  yearStatus,
} from '@shared/calendar';
import { navigate } from '../../shell/router';
import { useAppState } from '../../state/app';
import { useOrganisation } from '../registries/queries';
import { canEditCalendar, OVERRIDE_KIND_LABELS } from './commands';
import { useCalendarConfig } from './config';
import { DeadlineCalculator } from './DeadlineCalculator';
import { OverrideModal } from './OverrideModal';
import { YearView } from './YearView';
import { DAY_CLASS_LABELS, holidayRanges, yearModel, type DayClass } from './yearModel';
import classes from './calendar.module.css';

const LEGEND: DayClass[] = ['workday', 'weekend', 'holiday', 'compensatory', 'swapDayOff', 'makeUpWorkday', 'overrideDayOff', 'overrideWorkday'];

function yearFromPath(subPath: string, fallback: number): number {
  const y = Number(subPath.split('/')[0]);
  return Number.isInteger(y) && y >= CALENDAR_MIN_YEAR && y <= CALENDAR_MAX_YEAR ? y : fallback;
}

function shortRange(from: string, to: string): string {
  const a = formatDateVi(from).slice(0, 5);
  return from === to ? a : `${a} – ${formatDateVi(to).slice(0, 5)}`;
}

function Swatch({ cls }: { cls: DayClass }) {
  return <span className={`${classes.swatch} ${classes[`k-${cls}`]}`} />;
}

/** Cài đặt → Lịch làm việc: the year's working days, the installation's overrides and a deadline calculator. */
export function CalendarPage({ subPath }: { subPath: string }) {
  const today = todayInVietnam(new Date());
  const thisYear = Number(today.slice(0, 4));
  const year = yearFromPath(subPath, thisYear);
  const config = useCalendarConfig();
  const org = useOrganisation();
  const session = useAppState((s) => s.session);
  const [typedYear, setTypedYear] = useState<string | number>(year);
  const [picked, setPicked] = useState<string | null>(null);
  const [shownYear, setShownYear] = useState(year);
  if (shownYear !== year) {
    // The year changed from the URL (arrows, "Năm nay", browser history): show it in the box.
    setShownYear(year);
    setTypedYear(year);
  }

  const months = useMemo(() => (config ? yearModel(year, config) : null), [year, config]);
  const ranges = useMemo(() => (config ? holidayRanges(year, config) : []), [year, config]);
  if (!config || !months || org === undefined || !session) return <Loader />;

  const decision = canEditCalendar({ role: session.account.role, unitId: session.account.unitId }, org);
  const status = yearStatus(year);
  const sources = ANNOUNCED_SCHEDULES.find((s) => s.year === year)?.sources ?? [];
  const builtIn = ranges.filter((r) => r.kind !== 'overrideDayOff' && r.kind !== 'overrideWorkday');
  const overrides = config.overrides.filter((o) => o.date.startsWith(`${year}-`));
  const goTo = (y: number) => navigate(`calendar/${y}`);
  const typedValid = typeof typedYear === 'number' && Number.isInteger(typedYear) && typedYear >= CALENDAR_MIN_YEAR && typedYear <= CALENDAR_MAX_YEAR;

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap" align="center">
        <Group gap="sm" wrap="nowrap">
          <Title order={3}>Lịch làm việc năm {year}</Title>
          <Text c="dimmed" size="sm">
            (năm {lunarYearName(year)})
          </Text>
          {status === 'official' ? (
            <Tooltip label={<Stack gap={2}>{sources.map((s) => <div key={s}>{s}</div>)}</Stack>} multiline w={420} withArrow>
              <Badge color="green" variant="light" tt="none">
                Lịch chính thức
              </Badge>
            </Tooltip>
          ) : (
            <Tooltip label="Năm này chưa có thông báo lịch nghỉ chính thức: ngày nghỉ được tính theo quy định chung của Bộ luật Lao động; hoán đổi ngày làm việc chưa được biết." multiline w={380} withArrow>
              <Badge color="orange" variant="light" tt="none">
                Lịch tạm tính
              </Badge>
            </Tooltip>
          )}
        </Group>
        <Group gap={6} wrap="nowrap">
          <ActionIcon variant="default" size="lg" aria-label="Năm trước" disabled={year <= CALENDAR_MIN_YEAR} onClick={() => goTo(year - 1)}>
            <IconChevronLeft size={18} />
          </ActionIcon>
          <NumberInput
            aria-label="Năm"
            w={90}
            value={typedYear}
            min={CALENDAR_MIN_YEAR}
            max={CALENDAR_MAX_YEAR}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            thousandSeparator=""
            error={typedValid ? undefined : true}
            onChange={(v) => {
              setTypedYear(v);
              if (typeof v === 'number' && v >= CALENDAR_MIN_YEAR && v <= CALENDAR_MAX_YEAR && v !== year) goTo(v);
            }}
            onBlur={() => setTypedYear(year)}
          />
          <ActionIcon variant="default" size="lg" aria-label="Năm sau" disabled={year >= CALENDAR_MAX_YEAR} onClick={() => goTo(year + 1)}>
            <IconChevronRight size={18} />
          </ActionIcon>
          <Button variant="default" onClick={() => goTo(thisYear)} disabled={year === thisYear}>
            Năm nay
          </Button>
        </Group>
      </Group>
      {!typedValid && (
        <Text size="xs" c="red.8">
          Chọn năm từ {CALENDAR_MIN_YEAR} đến {CALENDAR_MAX_YEAR}.
        </Text>
      )}

      <Group align="flex-start" gap="sm" wrap="nowrap">
        <Box style={{ flex: 1, minWidth: 0 }}>
          <YearView months={months} today={today} onPick={decision.allowed ? setPicked : undefined} />
        </Box>
        <Stack gap="sm" w={300} style={{ flex: 'none' }}>
          <Paper withBorder p="sm">
            <Text fw={700} size="sm" mb={6}>
              Chú giải
            </Text>
            <Stack gap={4}>
              {LEGEND.map((c) => (
                <Group key={c} gap={8} wrap="nowrap">
                  <Swatch cls={c} />
                  <Text size="xs">{DAY_CLASS_LABELS[c]}</Text>
                </Group>
              ))}
              <Group gap={8} wrap="nowrap">
                <span className={classes.swatch} style={{ border: '2px solid var(--mantine-color-blue-7)' }} />
                <Text size="xs">Hôm nay</Text>
              </Group>
              <Text size="xs" c="dimmed">
                Số nhỏ dưới mỗi ngày là ngày/tháng âm lịch; chữ „n” là tháng nhuận, mùng 1 in đỏ.
              </Text>
            </Stack>
          </Paper>
          <Paper withBorder p="sm">
            <Text fw={700} size="sm" mb={6}>
              Ngày lễ, Tết và hoán đổi năm {year}
            </Text>
            <ScrollArea.Autosize mah={520} type="auto" offsetScrollbars>
              <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={`Ngày lễ năm ${year}`}>
                {builtIn.map((r) => (
                  <Group key={r.from} component="li" gap={8} wrap="nowrap" align="flex-start">
                    <Box pt={3}>
                      <Swatch cls={r.kind} />
                    </Box>
                    <Text size="xs">
                      <b>{shortRange(r.from, r.to)}</b> {r.name}
                      {r.days > 1 ? ` (${r.days} ngày)` : ''}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Paper>
          <Paper withBorder p="sm">
            <Text fw={700} size="sm" mb={6}>
              Điều chỉnh riêng của cơ quan
            </Text>
            {overrides.length === 0 ? (
              <Text size="xs" c="dimmed">
                Năm {year} chưa có ngày nghỉ thêm hay ngày làm bù riêng.
              </Text>
            ) : (
              <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Điều chỉnh riêng">
                {overrides.map((o) => (
                  <Group key={o.date} component="li" gap={8} wrap="nowrap" align="flex-start" justify="space-between">
                    <Group gap={8} wrap="nowrap" align="flex-start" style={{ flex: 1, minWidth: 0 }}>
                      <Box pt={3}>
                        <Swatch cls={o.kind === 'dayOff' ? 'overrideDayOff' : 'overrideWorkday'} />
                      </Box>
                      <Text size="xs" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                        <b>{formatDateVi(o.date)}</b> {OVERRIDE_KIND_LABELS[o.kind]}: {o.note}
                      </Text>
                    </Group>
                    {decision.allowed && (
                      <Button size="compact-xs" variant="subtle" style={{ flex: 'none' }} onClick={() => setPicked(o.date)} aria-label={`Sửa điều chỉnh ngày ${formatDateVi(o.date)}`}>
                        Sửa
                      </Button>
                    )}
                  </Group>
                ))}
              </Stack>
            )}
            <Text size="xs" c="dimmed" mt={6}>
              {decision.allowed ? 'Bấm vào một ngày trên lịch để thêm ngày nghỉ hoặc ngày làm bù.' : `Chỉ xem. ${decision.reason}`}
            </Text>
          </Paper>
        </Stack>
      </Group>

      <DeadlineCalculator config={config} today={today} />
      {picked && <OverrideModal key={picked} date={picked} config={config} onClose={() => setPicked(null)} />}
    </Stack>
  );
}
