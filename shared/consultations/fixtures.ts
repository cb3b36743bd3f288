/** Test fixtures: a consultation sent to four units and helpers for replies. */
import { resolveDeadline, type CalendarConfig } from '../calendar';
import type { Consultation, ConsultationReply, ReplyPosition } from './model';

export function makeConsultation(overrides: Partial<Consultation> = {}, calendar?: CalendarConfig): Consultation {
  const deadline = overrides.deadline ?? { kind: 'workingDays' as const, days: 5, from: overrides.requestedOn ?? '2026-04-23' };
  return {
    id: 'c1',
    subject: 'Lấy ý kiến dự thảo Kế hoạch phát triển du lịch năm 2027',
    dossierKind: 'duThao',
    dossierTitle: 'dự thảo Kế hoạch phát triển du lịch năm 2027',
    field: 'Du lịch',
    content: '',
    attachments: [],
    requesterUnitId: 'vp',
    consultedUnitIds: ['kt', 'vhxh', 'tc', 'ct'],
    legalBasis: 'Quy chế làm việc của Ủy ban nhân dân xã',
    requestRef: '',
    requestedOn: '2026-04-23',
    deadline,
    dueOn: resolveDeadline(deadline, calendar),
    taskId: null,
    noticeLetterId: null,
    readyOn: null,
    ...overrides,
  };
}

let seq = 0;
export function makeReply(unitId: string, position: ReplyPosition, repliedOn: string, content = '', consultationId = 'c1'): ConsultationReply {
  seq += 1;
  return {
    id: `r${String(seq).padStart(4, '0')}`,
    consultationId,
    unitId,
    position,
    content,
    repliedOn,
    replyRef: '',
    signerOfficialId: null,
    recordedBy: 'test',
    attachments: [],
  };
}
