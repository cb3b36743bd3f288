import { useMemo } from 'react';
import { Badge, Tooltip } from '@mantine/core';
import { formatDateVi, todayInVietnam } from '@shared/calendar';
import { useCalendarConfig } from './config';
import { DEADLINE_TONE_COLORS, deadlineStatus } from './deadlineStatus';

export interface DeadlineBadgeProps {
  /** `YYYY-MM-DD`. */
  dueOn: string;
  /** When set, the badge tells whether the work was done on time. */
  completedOn?: string | null;
  /** Evaluate as of this date (reports use their cut-off); default: today in Vietnam. */
  asOf?: string;
  /** Yellow when this many working days or fewer remain; 0 turns the warning off. */
  soonWithin?: number;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}

/** "Còn N ngày làm việc" / "Hạn hôm nay" / "Quá hạn N ngày" with the installation's calendar. */
export function DeadlineBadge({ dueOn, completedOn, asOf, soonWithin = 3, size = 'sm' }: DeadlineBadgeProps) {
  const config = useCalendarConfig();
  const day = asOf ?? todayInVietnam(new Date());
  const status = useMemo(() => (config ? deadlineStatus(dueOn, day, config, completedOn, soonWithin) : null), [config, dueOn, day, completedOn, soonWithin]);
  if (!status) return null;
  if (status.tone === 'invalid') {
    return (
      <Tooltip label={status.text} withArrow>
        <Badge color={DEADLINE_TONE_COLORS.invalid} variant="light" size={size} tt="none">
          Hạn không hợp lệ
        </Badge>
      </Tooltip>
    );
  }
  const moved = status.effectiveDueOn && status.effectiveDueOn !== dueOn;
  const label = moved
    ? `Hạn ${formatDateVi(dueOn)} rơi vào ngày nghỉ, chuyển sang ${formatDateVi(status.effectiveDueOn!)}`
    : `Hạn ${formatDateVi(dueOn)}`;
  return (
    <Tooltip label={label} withArrow>
      <Badge color={DEADLINE_TONE_COLORS[status.tone]} variant="filled" autoContrast size={size} tt="none">
        {status.text}
      </Badge>
    </Tooltip>
  );
}
