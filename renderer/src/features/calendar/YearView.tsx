import { memo } from 'react';
import { SimpleGrid, Tooltip } from '@mantine/core';
import type { DayCell, MonthModel } from './yearModel';
import classes from './calendar.module.css';

const WEEKDAYS = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];

function cellClass(d: DayCell, today: string): string {
  return [classes.cell, classes[`k-${d.cls}`], d.date === today ? classes.today : '', d.cls.startsWith('override') ? classes.overridden : ''].filter(Boolean).join(' ');
}

function Day({ d, today, onPick }: { d: DayCell; today: string; onPick?: (date: string) => void }) {
  const content = (
    <>
      <span className={classes.solar}>{d.day}</span>
      <span className={`${classes.lunar} ${d.lunarFirst ? classes.lunarFirst : ''}`}>{d.lunarLabel}</span>
    </>
  );
  const common = { className: cellClass(d, today), 'data-date': d.date, 'data-kind': d.cls, 'data-working': d.working ? '1' : '0', 'aria-label': d.lines.join('. ') };
  return (
    <Tooltip
      label={d.lines.map((l, i) => (
        <div key={i} style={i === 0 ? { fontWeight: 700 } : undefined}>
          {l}
        </div>
      ))}
      openDelay={200}
      withArrow
      position="top"
    >
      {onPick ? (
        <button type="button" {...common} onClick={() => onPick(d.date)}>
          {content}
        </button>
      ) : (
        <div {...common}>{content}</div>
      )}
    </Tooltip>
  );
}

function Month({ m, today, onPick }: { m: MonthModel; today: string; onPick?: (date: string) => void }) {
  return (
    <section className={classes.month} aria-label={`Tháng ${m.month}`}>
      <div className={classes.monthTitle}>Tháng {m.month}</div>
      <div className={classes.grid}>
        {WEEKDAYS.map((w, i) => (
          <div key={w} className={`${classes.weekday} ${i >= 5 ? classes.weekdayWeekend : ''}`}>
            {w}
          </div>
        ))}
        {Array.from({ length: m.lead }, (_, i) => (
          <div key={`lead-${i}`} />
        ))}
        {m.days.map((d) => (
          <Day key={d.date} d={d} today={today} onPick={onPick} />
        ))}
      </div>
    </section>
  );
}

/** Twelve months, Monday first; days are buttons only when the user may change them. */
export const YearView = memo(function YearView({ months, today, onPick }: { months: MonthModel[]; today: string; onPick?: (date: string) => void }) {
  return (
    <SimpleGrid cols={3} spacing={8} verticalSpacing={8}>
      {months.map((m) => (
        <Month key={m.month} m={m} today={today} onPick={onPick} />
      ))}
    </SimpleGrid>
  );
});
