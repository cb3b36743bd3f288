/**
 * Announced public-sector schedules (cán bộ, công chức, viên chức; Saturday and Sunday off),
 * one record per year, copied from docs/calendar.md §1.4. A year listed here replaces the
 * general rule completely for that year; every other year is "provisional".
 * To add a year: append a record with every weekday off (statutory days, nghỉ bù, swapped
 * days) and every worked Saturday, then add its day-by-day test.
 */

export type ScheduledOffKind = 'holiday' | 'compensatory' | 'swapDayOff';

export interface ScheduledOffDay {
  date: string;
  kind: ScheduledOffKind;
  name: string;
}

export interface ScheduledWorkday {
  /** The Saturday that is worked. */
  date: string;
  /** The weekday it pays for. */
  replaces: string;
  name: string;
}

export interface AnnouncedSchedule {
  year: number;
  /** Statutory holidays (also those on a weekend), nghỉ bù and swapped-off weekdays. */
  offDays: ScheduledOffDay[];
  /** Make-up Saturdays (làm bù). */
  extraWorkingDays: ScheduledWorkday[];
  sources: string[];
}

const TET_DL = 'Tết Dương lịch';
const TET_AL = 'Tết Âm lịch';
const GIO_TO = 'Giỗ Tổ Hùng Vương';
const VICTORY = 'Ngày Chiến thắng 30/4';
const LABOUR = 'Ngày Quốc tế Lao động 1/5';
const NATIONAL = 'Quốc khánh';

export const ANNOUNCED_SCHEDULES: readonly AnnouncedSchedule[] = [
  {
    year: 2024,
    offDays: [
      { date: '2024-01-01', kind: 'holiday', name: TET_DL },
      { date: '2024-02-08', kind: 'holiday', name: TET_AL },
      { date: '2024-02-09', kind: 'holiday', name: TET_AL },
      { date: '2024-02-10', kind: 'holiday', name: TET_AL },
      { date: '2024-02-11', kind: 'holiday', name: TET_AL },
      { date: '2024-02-12', kind: 'holiday', name: TET_AL },
      { date: '2024-02-13', kind: 'compensatory', name: `Nghỉ bù ${TET_AL}` },
      { date: '2024-02-14', kind: 'compensatory', name: `Nghỉ bù ${TET_AL}` },
      { date: '2024-04-18', kind: 'holiday', name: GIO_TO },
      { date: '2024-04-29', kind: 'swapDayOff', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)' },
      { date: '2024-04-30', kind: 'holiday', name: VICTORY },
      { date: '2024-05-01', kind: 'holiday', name: LABOUR },
      { date: '2024-09-02', kind: 'holiday', name: NATIONAL },
      { date: '2024-09-03', kind: 'holiday', name: NATIONAL },
    ],
    extraWorkingDays: [{ date: '2024-05-04', replaces: '2024-04-29', name: 'Làm bù cho thứ Hai 29/04/2024' }],
    sources: [
      'Thông báo của Bộ LĐTBXH về lịch nghỉ Tết Âm lịch 2024 (viện dẫn khoản 3 Điều 111 Bộ luật Lao động)',
      'Thủ tướng Chính phủ đồng ý hoán đổi ngày làm việc 29/04/2024 với thứ Bảy 04/05/2024',
    ],
  },
  {
    year: 2025,
    offDays: [
      { date: '2025-01-01', kind: 'holiday', name: TET_DL },
      { date: '2025-01-27', kind: 'holiday', name: TET_AL },
      { date: '2025-01-28', kind: 'holiday', name: TET_AL },
      { date: '2025-01-29', kind: 'holiday', name: TET_AL },
      { date: '2025-01-30', kind: 'holiday', name: TET_AL },
      { date: '2025-01-31', kind: 'holiday', name: TET_AL },
      { date: '2025-04-07', kind: 'holiday', name: GIO_TO },
      { date: '2025-04-30', kind: 'holiday', name: VICTORY },
      { date: '2025-05-01', kind: 'holiday', name: LABOUR },
      { date: '2025-05-02', kind: 'swapDayOff', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)' },
      { date: '2025-09-01', kind: 'holiday', name: NATIONAL },
      { date: '2025-09-02', kind: 'holiday', name: NATIONAL },
    ],
    extraWorkingDays: [{ date: '2025-04-26', replaces: '2025-05-02', name: 'Làm bù cho thứ Sáu 02/05/2025' }],
    sources: [
      'Công văn 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ',
      'Thông báo của Bộ LĐTBXH ngày 03/12/2024 về lịch nghỉ Tết Âm lịch và Quốc khánh 2025',
      'Thủ tướng Chính phủ đồng ý hoán đổi ngày làm việc 02/05/2025 với thứ Bảy 26/04/2025',
    ],
  },
  {
    year: 2026,
    offDays: [
      { date: '2026-01-01', kind: 'holiday', name: TET_DL },
      { date: '2026-01-02', kind: 'swapDayOff', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)' },
      { date: '2026-02-16', kind: 'holiday', name: TET_AL },
      { date: '2026-02-17', kind: 'holiday', name: TET_AL },
      { date: '2026-02-18', kind: 'holiday', name: TET_AL },
      { date: '2026-02-19', kind: 'holiday', name: TET_AL },
      { date: '2026-02-20', kind: 'holiday', name: TET_AL },
      { date: '2026-04-26', kind: 'holiday', name: GIO_TO },
      { date: '2026-04-27', kind: 'compensatory', name: `Nghỉ bù ${GIO_TO}` },
      { date: '2026-04-30', kind: 'holiday', name: VICTORY },
      { date: '2026-05-01', kind: 'holiday', name: LABOUR },
      { date: '2026-08-31', kind: 'swapDayOff', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)' },
      { date: '2026-09-01', kind: 'holiday', name: NATIONAL },
      { date: '2026-09-02', kind: 'holiday', name: NATIONAL },
    ],
    extraWorkingDays: [
      { date: '2026-01-10', replaces: '2026-01-02', name: 'Làm bù cho thứ Sáu 02/01/2026' },
      { date: '2026-08-22', replaces: '2026-08-31', name: 'Làm bù cho thứ Hai 31/08/2026' },
    ],
    sources: [
      'Bộ Nội vụ: lịch nghỉ Tết Âm lịch, Quốc khánh 2026 (Thủ tướng đồng ý, khoảng 13/10/2025)',
      'Công văn 12729/VPCP-KGVX ngày 25/12/2025 (hoán đổi ngày 02/01/2026 với thứ Bảy 10/01/2026)',
      'Ngày Văn hóa Việt Nam 24/11: chưa có căn cứ pháp luật có hiệu lực, chưa đưa vào lịch',
    ],
  },
];
