/** Sample data for letter tests and benchmarks: a commune committee after the 2025 two-tier reform. */
import type { Letter } from '../model';
import { buildFollowUpLetter, type FollowUpBatchUnit, type FollowUpTaskRow, type LetterIssuer } from '../templates';

export const sampleIssuer: LetterIssuer = {
  parentAgency: '',
  issuingAgency: 'Ủy ban nhân dân\nxã Hòa An',
  authorityName: 'Ủy ban nhân dân xã',
  chairName: 'Chủ tịch Ủy ban nhân dân xã',
  coordinatorName: 'Văn phòng HĐND và UBND xã',
  agencyAbbr: 'UBND',
  draftingUnitAbbr: 'VP',
  place: 'Hòa An',
  signature: { authority: 'TM', authorityLine: 'Ủy ban nhân dân', deputyFor: 'Chủ tịch', title: 'Phó Chủ tịch', name: 'Nguyễn Phương Huy' },
  extraDistribution: ['Chủ tịch, các PCT UBND xã'],
  drafterInitials: 'ntl',
  copies: 5,
};

export const provincialIssuer: LetterIssuer = {
  ...sampleIssuer,
  parentAgency: 'Ủy ban nhân dân\ntỉnh Cao Bằng',
  issuingAgency: 'Sở Nội vụ',
  authorityName: 'Sở Nội vụ',
  chairName: 'Giám đốc Sở Nội vụ',
  coordinatorName: 'Văn phòng Sở',
  agencyAbbr: 'SNV',
  draftingUnitAbbr: 'VP',
  place: 'Cao Bằng',
  signature: { authority: 'KT', authorityLine: 'Giám đốc', title: 'Phó Giám đốc', name: 'Hoàng Thị Mai' },
};

const titles = [
  'Xây dựng kế hoạch chuyển đổi số năm 2026',
  'Rà soát, cập nhật danh mục thủ tục hành chính thuộc thẩm quyền giải quyết',
  'Báo cáo kết quả thực hiện chương trình mục tiêu quốc gia xây dựng nông thôn mới',
  'Tổ chức kiểm tra công tác phòng, chống thiên tai trên địa bàn',
  'Hoàn thiện hồ sơ đề nghị công nhận xã đạt chuẩn tiếp cận pháp luật',
];

/** n task rows: the first ⌈n/2⌉ overdue (1, 4, 7… days), the rest due soon. */
export function sampleTasks(n: number): FollowUpTaskRow[] {
  return Array.from({ length: n }, (_, i) => {
    const overdue = i < Math.ceil(n / 2);
    const day = (i % 27) + 1;
    return {
      title: `${titles[i % titles.length]}${i >= titles.length ? ` (đợt ${Math.floor(i / titles.length) + 1})` : ''}`,
      sourceRef: `Kế hoạch số ${String((i % 9) + 1).padStart(2, '0')}/KH-UBND ngày ${String(day).padStart(2, '0')}/01/2026`,
      dueOn: overdue ? `2026-04-${String(day).padStart(2, '0')}` : `2026-05-${String(Math.min(day + 5, 28)).padStart(2, '0')}`,
      status: overdue ? ('overdue' as const) : ('dueSoon' as const),
      daysOverdue: overdue ? 1 + 3 * i : undefined,
      daysLeft: overdue ? undefined : (i % 7) + 1,
      progressNote: i % 3 === 0 ? 'Đang xây dựng dự thảo' : undefined,
    };
  });
}

/** Units for a batch: every third unit has only due-soon tasks and gets no letter. */
export function sampleBatchUnits(n: number, tasksEach = 6): FollowUpBatchUnit[] {
  return Array.from({ length: n }, (_, i) => ({
    unit: { id: `unit-${i + 1}`, name: `Phòng chuyên môn số ${i + 1}` },
    tasks: i % 3 === 2 ? sampleTasks(tasksEach).map((t) => ({ ...t, status: 'dueSoon' as const, daysOverdue: undefined, daysLeft: 3 })) : sampleTasks(tasksEach),
  }));
}

/** The follow-up letter to Phòng Kinh tế the signing tests sign: numbered and dated 05/5/2026 unless `number` is null. */
export function sampleFollowUp(number: number | null, tasks = 4): Letter {
  return buildFollowUpLetter({
    issuer: sampleIssuer,
    unit: { name: 'Phòng Kinh tế', headTitle: 'Trưởng phòng Kinh tế' },
    tasks: sampleTasks(tasks),
    asOf: '2026-05-05',
    reportBy: '2026-05-15',
    number,
    date: number === null ? null : '2026-05-05',
  });
}
