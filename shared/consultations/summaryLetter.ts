/**
 * Tổng hợp ý kiến: the summary of a consultation's replies as a báo cáo with a table, the same
 * builder for the consultation screen and for `dondoc samples`.
 */
import type { CalendarConfig } from '../calendar';
import { formatShortDate, type Letter } from '../letters/model';
import { assembleLetter, type LetterIssuer } from '../letters/templates/common';
import type { Unit } from '../registries/units';
import { dossierKindLabels, type Consultation, type ConsultationReply, type Reconciliation } from './model';
import { effectiveDueOn, positionLabel, positionsOf } from './positions';
import { openDisagreements } from './reconciliation';
import { onBehalfLine } from '../acting';

/** Tổng hợp ý kiến: every unit's position and content, then the disagreements for the lead unit. */
export function buildSummary(
  c: Consultation,
  replies: readonly ConsultationReply[],
  reconciliations: readonly Reconciliation[],
  asOf: string,
  issuer: LetterIssuer,
  units: readonly Pick<Unit, 'id' | 'name'>[],
  calendar?: CalendarConfig,
): Letter {
  const names = new Map(units.map((u) => [u.id, u.name]));
  const name = (id: string) => names.get(id) ?? id;
  const rows = positionsOf(c, replies, asOf, calendar).map((p, i) => {
    const reply = p.kind === 'replied' ? p.reply : p.kind === 'deemedAgreed' ? p.lateReply : null;
    const when = reply ? `${formatShortDate(reply.repliedOn)}${p.kind === 'deemedAgreed' ? ' (quá hạn)' : ''}` : p.kind === 'deemedAgreed' ? `Không trả lời; từ ${formatShortDate(p.deemedOn)}` : '';
    const said = reply?.content || (p.kind === 'deemedAgreed' && !reply ? 'Không có ý kiến trả lời.' : reply ? 'Không có ý kiến thêm.' : 'Chưa trả lời.');
    // A reply received on paper says who typed it and from which document, wherever it is printed.
    const content = reply?.onBehalf ? `${said} (${onBehalfLine(reply.onBehalf)}.)` : said;
    return [String(i + 1), name(p.unitId), positionLabel(p), when, content];
  });
  const open = openDisagreements(c, replies, reconciliations, asOf, calendar);
  const settled = reconciliations.filter((r) => r.consultationId === c.id && r.recordedOn <= asOf);
  const disagreeing = positionsOf(c, replies, asOf, calendar).filter((p) => p.kind === 'replied' && p.position === 'disagree');
  const counts = positionsOf(c, replies, asOf, calendar).reduce<Record<string, number>>((acc, p) => {
    const label = positionLabel(p);
    acc[label] = (acc[label] ?? 0) + 1;
    return acc;
  }, {});
  const blocks: Letter['blocks'] = [
    {
      type: 'paragraph',
      text: `${name(c.requesterUnitId)} đã lấy ý kiến ${c.consultedUnitIds.length} cơ quan, đơn vị đối với ${c.dossierTitle} (${dossierKindLabels[c.dossierKind].toLowerCase()}); căn cứ: ${c.legalBasis.replace(/[.;]+$/, '')}; thời hạn trả lời đến hết ngày ${formatShortDate(effectiveDueOn(c, calendar))}. Kết quả tổng hợp đến ngày ${formatShortDate(asOf)} như sau:`,
      bold: false,
      italic: false,
      align: 'justify',
    },
    { type: 'heading', level: 1, label: 'I', text: 'Ý kiến của các cơ quan, đơn vị' },
    {
      type: 'table',
      columns: [
        { header: 'STT', weight: 0.6, align: 'center' },
        { header: 'Cơ quan, đơn vị', weight: 2.4, align: 'left' },
        { header: 'Chính kiến', weight: 1.8, align: 'left' },
        { header: 'Ngày trả lời', weight: 1.5, align: 'center' },
        { header: 'Nội dung ý kiến', weight: 5, align: 'left' },
      ],
      rows,
      totals: null,
      fontSize: 12,
    },
    {
      type: 'paragraph',
      text: `Tổng hợp: ${Object.entries(counts)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ')}.`,
      bold: false,
      italic: false,
      align: 'justify',
    },
    { type: 'heading', level: 1, label: 'II', text: 'Các ý kiến không đồng ý' },
  ];
  if (disagreeing.length === 0) blocks.push({ type: 'paragraph', text: 'Không có cơ quan, đơn vị nào có ý kiến không đồng ý.', bold: false, italic: false, align: 'justify' });
  for (const p of disagreeing) {
    if (p.kind !== 'replied') continue;
    const r = settled.find((s) => s.unitId === p.unitId);
    const state = r
      ? `Đã thống nhất ngày ${formatShortDate(r.meetingOn)} (thành phần: ${r.participants.replace(/[.;]+$/, '')}): ${r.outcome}`
      : 'Chưa thống nhất: đơn vị chủ trì cần làm việc với thủ trưởng đơn vị có ý kiến khác trước khi trình.';
    const paper = p.reply.onBehalf ? ` (${onBehalfLine(p.reply.onBehalf)})` : '';
    blocks.push({ type: 'bullets', items: [`${name(p.unitId)}: ${p.reply.content}${paper} — ${state}`] });
  }
  blocks.push({
    type: 'paragraph',
    text: open.length === 0 ? 'Không còn ý kiến khác nhau về nội dung chủ yếu của hồ sơ chưa được thống nhất.' : `Còn ${open.length} ý kiến không đồng ý chưa được thống nhất; hồ sơ chưa đủ điều kiện trình.`,
    bold: false,
    italic: false,
    align: 'justify',
  });
  return assembleLetter('report', issuer, { number: null, date: asOf }, {
    subject: `Tổng hợp ý kiến của các cơ quan, đơn vị đối với ${c.dossierTitle}`,
    recipients: [],
    blocks,
    distribution: [name(c.requesterUnitId)],
  });
}
