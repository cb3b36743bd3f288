/**
 * Realistic facts behind the `dondoc samples` reports: a commune's quarter-I tasks (for the
 * periodic report and the ranking), a consultation with its replies (for the summary of
 * opinions) and the tasks still overdue after two công văn đôn đốc (for the report to the
 * Chair). The letters themselves come from the builders the app uses.
 */
import { makeConsultation, makeReply } from '../shared/consultations/fixtures';
import type { Reconciliation } from '../shared/consultations/model';
import { escalations, followUpEntries, type FollowUpEntry, type FollowUpItem, type FollowUpRecord } from '../shared/followup';
import { computeReport, reportTaskOf, type ReportData } from '../shared/reports';
import { makeEvents, makeTask, type EventSpec } from '../shared/tasks/fixtures';
import { foldTask } from '../shared/tasks/state';

export const SAMPLE_UNITS = [
  { id: 'vp', name: 'Văn phòng HĐND và UBND' },
  { id: 'kt', name: 'Phòng Kinh tế' },
  { id: 'vhxh', name: 'Phòng Văn hóa - Xã hội' },
  { id: 'hcc', name: 'Trung tâm Phục vụ hành chính công' },
];

const done = (on: string): EventSpec => ({ type: 'completion', on, completedOn: on, resultText: 'Đã hoàn thành, có báo cáo kết quả', reportNumber: '', attachments: [] });

/** Quarter I of 2026, cut off on 31/3: each unit with a different mix, so the ranking has every level. */
export function sampleQuarterReport(): ReportData {
  const plan: [id: string, unit: string, title: string, assignedOn: string, dueOn: string, events: EventSpec[]][] = [
    ['t01', 'vp', 'Xây dựng Chương trình công tác năm 2026 của Ủy ban nhân dân xã', '2026-01-05', '2026-01-20', [done('2026-01-16')]],
    ['t02', 'vp', 'Tổng hợp báo cáo kinh tế - xã hội tháng 01/2026', '2026-01-12', '2026-01-27', [done('2026-01-26')]],
    ['t03', 'vp', 'Rà soát quy chế làm việc của Ủy ban nhân dân xã nhiệm kỳ 2026 - 2031', '2026-02-02', '2026-03-13', [done('2026-03-12')]],
    ['t04', 'kt', 'Kiểm tra công tác phòng, chống dịch bệnh trên cây lúa vụ Xuân', '2026-01-08', '2026-02-06', [done('2026-02-05')]],
    ['t05', 'kt', 'Lập danh mục công trình hạ tầng nông thôn đầu tư năm 2026', '2026-01-15', '2026-02-27', [done('2026-03-09')]],
    ['t06', 'kt', 'Rà soát hiện trạng sử dụng đất công ích trên địa bàn xã', '2026-02-03', '2026-03-06', []],
    ['t07', 'vhxh', 'Tổ chức các hoạt động mừng Đảng, mừng Xuân Bính Ngọ 2026', '2026-01-05', '2026-02-10', [done('2026-02-09')]],
    ['t08', 'vhxh', 'Rà soát hộ nghèo, hộ cận nghèo phát sinh đầu năm 2026', '2026-01-19', '2026-02-13', []],
    ['t09', 'vhxh', 'Cập nhật cơ sở dữ liệu người có công với cách mạng', '2026-02-09', '2026-03-10', []],
    ['t10', 'hcc', 'Công khai bộ thủ tục hành chính thuộc thẩm quyền của xã', '2026-01-06', '2026-01-30', [done('2026-01-29')]],
    ['t11', 'hcc', 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính năm 2025', '2026-01-12', '2026-03-16', [done('2026-03-18')]],
    ['t12', 'hcc', 'Lắp đặt thiết bị đánh giá mức độ hài lòng tại bộ phận một cửa', '2026-02-16', '2026-04-15', []],
  ];
  // Routine reports, each sent on time: Phòng Kinh tế ends "hoàn thành", the centre "tốt".
  const routine: [unit: string, title: string, dueOn: string][] = [
    ['kt', 'Báo cáo tiến độ sản xuất vụ Đông Xuân tháng 01/2026', '2026-01-22'],
    ['kt', 'Báo cáo tiến độ sản xuất vụ Đông Xuân tháng 02/2026', '2026-02-20'],
    ['kt', 'Báo cáo tiến độ sản xuất vụ Đông Xuân tháng 03/2026', '2026-03-20'],
    ['kt', 'Thống kê thiệt hại do rét đậm, rét hại đầu năm 2026', '2026-02-06'],
    ['hcc', 'Báo cáo tình hình giải quyết thủ tục hành chính tháng 01/2026', '2026-01-22'],
    ['hcc', 'Báo cáo tình hình giải quyết thủ tục hành chính tháng 02/2026', '2026-02-20'],
    ['hcc', 'Báo cáo tình hình giải quyết thủ tục hành chính tháng 03/2026', '2026-03-20'],
    ['hcc', 'Rà soát tài khoản dịch vụ công trực tuyến của cán bộ, công chức', '2026-02-27'],
    ['hcc', 'Niêm yết số điện thoại đường dây nóng tại bộ phận một cửa', '2026-01-16'],
    ['hcc', 'Hướng dẫn người dân nộp hồ sơ trực tuyến toàn trình', '2026-03-27'],
    ['hcc', 'Cập nhật quy trình nội bộ giải quyết thủ tục hành chính', '2026-03-06'],
    ['hcc', 'Tổng hợp phản ánh, kiến nghị của người dân quý I năm 2026', '2026-03-25'],
  ];
  routine.forEach(([unit, title, dueOn], i) => plan.push([`r${i + 1}`, unit, title, `${dueOn.slice(0, 8)}02`, dueOn, [done(dueOn)]]));
  const tasks = plan.map(([id, unit, title, assignedOn, dueOn, events]) => {
    const task = makeTask({ id, title, leadUnitId: unit, supportUnitIds: [], assignedOn, dueOn, deadline: { kind: 'fixed', date: dueOn }, planYear: 2026 });
    return reportTaskOf(task, foldTask(task, makeEvents(id, events), '2026-03-31'), 'Kế hoạch số 03/KH-UBND');
  });
  return computeReport({
    params: {
      period: { kind: 'quarter', from: '2026-01-01', to: '2026-03-31', cutOff: '2026-03-31' },
      scope: { kind: 'all' },
      inclusion: 'withCarriedOver',
      judgeAgainst: 'extended',
      rateFormula: 'dueCompletion',
    },
    tasks,
    units: SAMPLE_UNITS,
    scopeLabel: 'Tất cả đơn vị',
    followUps: [
      { unitId: 'kt', issuedOn: '2026-03-12' },
      { unitId: 'vhxh', issuedOn: '2026-02-20' },
      { unitId: 'vhxh', issuedOn: '2026-03-12' },
    ],
    followUpsRecorded: true,
    consultations: [
      { unitId: 'kt', consulted: 2, noReply: 0, late: 1 },
      { unitId: 'vhxh', consulted: 2, noReply: 1, late: 0 },
      { unitId: 'hcc', consulted: 1, noReply: 0, late: 0 },
    ],
  });
}

/** A consultation on the 2027 socio-economic plan: two agree, one disagrees (settled), one silent. */
export function sampleConsultation() {
  const units = [...SAMPLE_UNITS, { id: 'cax', name: 'Công an xã' }];
  const consultation = makeConsultation({
    id: 'ly-kien-khxh-2027',
    subject: 'Lấy ý kiến dự thảo Kế hoạch phát triển kinh tế - xã hội năm 2027',
    dossierTitle: 'dự thảo Kế hoạch phát triển kinh tế - xã hội năm 2027',
    requesterUnitId: 'vp',
    consultedUnitIds: ['kt', 'vhxh', 'hcc', 'cax'],
    legalBasis: 'Quy chế làm việc của Ủy ban nhân dân xã',
    requestRef: 'Công văn số 15/UBND-VP ngày 20/4/2026',
    requestedOn: '2026-04-20',
    deadline: { kind: 'fixed', date: '2026-04-29' },
    dueOn: '2026-04-29',
  });
  const replies = [
    makeReply('kt', 'agree', '2026-04-24', 'Thống nhất với dự thảo; đề nghị bổ sung chỉ tiêu diện tích lúa chất lượng cao đạt 120 ha.', consultation.id),
    makeReply('vhxh', 'disagree', '2026-04-28', 'Chưa thống nhất chỉ tiêu giảm tỷ lệ hộ nghèo 2%/năm, đề nghị điều chỉnh thành 1,5%/năm cho phù hợp thực tế.', consultation.id),
    makeReply('hcc', 'agree', '2026-04-29', '', consultation.id),
  ];
  const reconciliations: Reconciliation[] = [
    {
      id: 'thong-nhat-vhxh',
      consultationId: consultation.id,
      unitId: 'vhxh',
      meetingOn: '2026-05-04',
      participants: 'Chánh Văn phòng HĐND và UBND, Trưởng phòng Văn hóa - Xã hội',
      outcome: 'thống nhất chỉ tiêu giảm tỷ lệ hộ nghèo 1,5%/năm.',
      recordedOn: '2026-05-04',
      recordedBy: 'vanthu (Văn thư)',
    },
  ];
  return { consultation, replies, reconciliations, units };
}

/** Tasks still overdue on 5/5/2026 after the reminders of 20/4 (first) and 28/4 (second). */
export function sampleChairReportTasks(): (FollowUpEntry & { unitName: string })[] {
  const names = new Map(SAMPLE_UNITS.map((u) => [u.id, u.name]));
  const items: FollowUpItem[] = [
    ['t06', 'kt', 'Rà soát hiện trạng sử dụng đất công ích trên địa bàn xã', '2026-03-06', 60],
    ['t08', 'vhxh', 'Rà soát hộ nghèo, hộ cận nghèo phát sinh đầu năm 2026', '2026-02-13', 81],
    ['t09', 'vhxh', 'Cập nhật cơ sở dữ liệu người có công với cách mạng', '2026-03-10', 56],
    ['t13', 'hcc', 'Báo cáo tình hình giải quyết hồ sơ trễ hạn quý I năm 2026', '2026-04-10', 25],
  ].map(([taskId, leadUnitId, title, dueOn, overdueDays]) => ({
    taskId: String(taskId),
    title: String(title),
    leadUnitId: String(leadUnitId),
    kind: 'overdue',
    dueOn: String(dueOn),
    overdueDays: Number(overdueDays),
    remainingWorkingDays: null,
    sourceRef: 'Kế hoạch số 03/KH-UBND ngày 05/01/2026',
    percent: 40,
    assignedOn: '2026-01-05',
  }));
  const ids = items.map((i) => i.taskId);
  const records: FollowUpRecord[] = [
    { letterId: 'cv-12', purpose: 'followUp1', date: '2026-04-20', number: 12, symbol: 'UBND-VP', taskIds: ids },
    { letterId: 'cv-17', purpose: 'followUp2', date: '2026-04-28', number: 17, symbol: 'UBND-VP', taskIds: ids },
  ];
  return followUpEntries(items, escalations(records), '2026-05-05').map((e) => ({ ...e, unitName: names.get(e.leadUnitId) ?? e.leadUnitId }));
}
