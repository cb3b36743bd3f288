/**
 * Thông báo to the units that did not answer a consultation by its deadline. Seed §1: "quá thời
 * hạn quy định mà các cơ quan, đơn vị được lấy ý kiến không trả lời hoặc chậm trả lời thì được xác
 * định là đồng ý …; cơ quan lấy ý kiến có văn bản thông báo lại và các cơ quan, đơn vị không có ý
 * kiến hoặc chậm có ý kiến trả lời phải chịu trách nhiệm trước UBND, Chủ tịch UBND và trước pháp luật."
 */
import { AppError } from '../../errors';
import { formatShortDate, type Letter } from '../model';
import { assembleLetter, type IssueInfo, type LetterIssuer } from './common';

export interface DeemedAgreementInput extends IssueInfo {
  issuer: LetterIssuer;
  /** What was consulted on, e.g. "dự thảo Kế hoạch phát triển kinh tế - xã hội năm 2027". */
  dossierTitle: string;
  /** The request letter, e.g. "Công văn số 15/UBND-VP ngày 20/4/2026". */
  requestRef: string;
  /** Who asked for opinions, e.g. "Ủy ban nhân dân xã"; defaults to the issuer's authority. */
  requesterName?: string;
  /** Reply deadline, YYYY-MM-DD. */
  deadline: string;
  /** Units that did not reply (as addressed). */
  units: string[];
  /** The rule this relies on, e.g. "Quy chế làm việc của Ủy ban nhân dân xã"; "" to cite no document. */
  basisRef?: string;
}

export function buildDeemedAgreementNotice(input: DeemedAgreementInput): Letter {
  const { issuer } = input;
  if (input.units.length === 0) throw new AppError('invalid-input', 'Không có đơn vị nào quá hạn chưa trả lời.');
  const requester = input.requesterName ?? issuer.authorityName;
  const basis = input.basisRef ? `Theo quy định tại ${input.basisRef}, trường hợp` : 'Theo quy định, trường hợp';
  return assembleLetter('notice', issuer, input, {
    subject: `Về việc các cơ quan, đơn vị không có ý kiến đối với ${input.dossierTitle} được xác định là đồng ý`,
    recipients: [],
    blocks: [
      {
        type: 'paragraph',
        text: `${requester} đã có ${input.requestRef} đề nghị các cơ quan, đơn vị tham gia ý kiến đối với ${input.dossierTitle}; thời hạn gửi ý kiến chậm nhất đến hết ngày ${formatShortDate(input.deadline)}.`,
      },
      { type: 'paragraph', text: 'Đến hết thời hạn nêu trên, các cơ quan, đơn vị sau đây không có ý kiến trả lời:' },
      { type: 'bullets', items: input.units.map((u, i) => `${u.replace(/[.;]+$/, '')}${i === input.units.length - 1 ? '.' : ';'}`) },
      {
        type: 'paragraph',
        text: `${basis} quá thời hạn quy định mà các cơ quan, đơn vị được lấy ý kiến không trả lời hoặc chậm trả lời thì được xác định là đồng ý với ý kiến và đề xuất của cơ quan lấy ý kiến.`,
      },
      {
        type: 'paragraph',
        text: `${issuer.authorityName} thông báo: các cơ quan, đơn vị nêu trên được xác định là đồng ý với nội dung ${input.dossierTitle}. Các cơ quan, đơn vị không có ý kiến hoặc chậm có ý kiến trả lời phải chịu trách nhiệm trước ${issuer.authorityName}, ${issuer.chairName} và trước pháp luật.`,
      },
      { type: 'paragraph', text: `${issuer.authorityName} thông báo để các cơ quan, đơn vị biết, thực hiện./.` },
    ],
    distribution: [...input.units, ...(issuer.extraDistribution ?? [])],
  });
}
