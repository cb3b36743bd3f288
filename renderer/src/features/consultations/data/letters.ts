/**
 * The letters a consultation produces: the deemed-agreement notice (thông báo, issued through
 * the outgoing register) and the summary of opinions (tổng hợp ý kiến, a report with a table).
 *
 * Issuer: when this installation acts for the authority (the coordinator office drafts for the
 * UBND), letters go out in the authority's name and register (officeKey = authority unit);
 * otherwise in the requesting unit's own name and register.
 */
import { AppError } from '@shared/errors';
import { formatShortDate, type Letter, type LetterSignatureInput } from '@shared/letters/model';
import { letterIssuer, type Letterhead } from '@shared/letters/letterhead';
import { buildDeemedAgreementNotice, type LetterIssuer } from '@shared/letters/templates';
import type { Organisation } from '@shared/registries/organisation';
import type { Unit } from '@shared/registries/units';
import type { CalendarConfig } from '@shared/calendar';
import {
  canActAsRequester,
  effectiveDueOn,
  unitsDeemedAgreed,
  type Consultation,
  type ConsultationReply,
  type ConsultationSettings,
} from '@shared/consultations';
import type { Actor } from '@shared/authority';
import type { DondocDb } from '../../../data/db';
import type { WriteContext } from '../../../data/repository';
import { issueLetter, loadLetter, saveDraft } from '../../letters/data/register';
import { loadCalendarConfig } from '../../calendar/config';
import { loadOrganisation, loadUnits } from '../../registries/queries';
import { loadLetterhead } from '../../letters/settings';
import { attachNotice, businessDay, loadSiteScope } from './commands';
import { loadConsultation, loadConsultationSettings, loadReconciliations, loadReplies } from './queries';
import { buildSummary } from '@shared/consultations/summaryLetter';

export { buildSummary };

/**
 * Who signs: a signer from Cài đặt → Thể thức văn bản, or (when none is configured) an official of
 * the issuing unit. `title` is the signing title printed under the authority line ("PHÓ CHỦ
 * TỊCH"), as the clerk left it in the issuing dialog; a letterhead signer without one keeps the
 * title configured for it.
 */
export type SignerChoice = { kind: 'letterhead'; signerId: string; title?: string } | { kind: 'official'; name: string; title: string; isHead: boolean };

/** The choice with the signing title the clerk typed; blank keeps the default. */
export function withSigningTitle(choice: SignerChoice, title: string | null | undefined): SignerChoice {
  const t = title?.normalize('NFC').trim().replace(/\s+/g, ' ');
  return t ? { ...choice, title: t } : choice;
}

export interface IssuerContext {
  letterhead: Letterhead;
  org: Organisation;
}

/** The letterhead settings this site's letters use (the same the letter editor shows). */
export async function loadIssuerContext(db: DondocDb): Promise<IssuerContext> {
  const head = await loadLetterhead(db);
  if (head) return { letterhead: head.settings, org: head.org };
  const org = await loadOrganisation(db);
  throw new AppError('invalid-input', org ? 'Máy này chưa nhận danh bạ đơn vị từ Văn phòng điều phối nên chưa biết văn bản do đơn vị nào ban hành; hãy ghép nối đồng bộ trước (Đồng bộ → Thiết lập).' : 'Chưa thiết lập thông tin cơ quan.');
}

/**
 * The issuer for a letter drafted by the requesting unit: the letterhead settings (the
 * requester's symbol as drafting office when it is one of them), and the register of the
 * letterhead's issuing unit.
 */
export function issuerFor(ctx: IssuerContext, requester: Pick<Unit, 'symbol' | 'shortName'> | undefined, signer: SignerChoice): { issuer: LetterIssuer; officeKey: string } {
  const { letterhead, org } = ctx;
  const symbol = (requester?.symbol || requester?.shortName || '').toLocaleUpperCase('vi-VN');
  const officeSymbol = letterhead.offices.some((o) => o.symbol === symbol) ? symbol : letterhead.defaultOfficeSymbol;
  if (signer.kind === 'letterhead') {
    const issuer = letterIssuer(letterhead, org, { officeSymbol, signerId: signer.signerId });
    return { issuer: signer.title ? { ...issuer, signature: { ...issuer.signature, title: signer.title } } : issuer, officeKey: letterhead.issuerUnitId };
  }
  const forAuthority = letterhead.issuerUnitId === org.authorityUnitId;
  const office = letterhead.offices.find((o) => o.symbol === officeSymbol) ?? letterhead.offices[0];
  const signature: LetterSignatureInput = forAuthority
    ? signer.isHead
      ? { authority: 'TM', authorityLine: 'Ủy ban nhân dân', title: signer.title, name: signer.name }
      : { authority: 'KT', authorityLine: 'Chủ tịch', title: signer.title, name: signer.name }
    : signer.isHead
      ? { authority: null, title: signer.title, name: signer.name }
      : { authority: 'KT', authorityLine: 'Thủ trưởng', title: signer.title, name: signer.name };
  return {
    officeKey: letterhead.issuerUnitId,
    issuer: {
      parentAgency: letterhead.parentAgency,
      issuingAgency: letterhead.issuingAgency,
      authorityName: org.authorityName,
      chairName: letterhead.chairName,
      coordinatorName: letterhead.offices.find((o) => o.symbol === letterhead.defaultOfficeSymbol)?.name ?? '',
      agencyAbbr: letterhead.authoritySymbol,
      draftingUnitAbbr: office.symbol,
      place: letterhead.place,
      signature,
      extraDistribution: [...letterhead.distribution],
      drafterInitials: letterhead.drafterInitials,
      copies: letterhead.copies,
    },
  };
}

function requestRefOf(c: Consultation): string {
  return c.requestRef.trim() || `văn bản ngày ${formatShortDate(c.requestedOn)}`;
}

export function buildNotice(c: Consultation, replies: readonly ConsultationReply[], asOf: string, issuer: LetterIssuer, units: readonly Unit[], settings: ConsultationSettings, calendar?: CalendarConfig): Letter {
  const names = new Map(units.map((u) => [u.id, u.name]));
  const deemed = unitsDeemedAgreed(c, replies, asOf, calendar);
  if (deemed.length === 0) throw new AppError('conflict', 'Chưa có đơn vị nào được xác định là đồng ý (chưa hết hạn hoặc tất cả đã trả lời đúng hạn).');
  return buildDeemedAgreementNotice({
    issuer,
    dossierTitle: c.dossierTitle,
    requestRef: requestRefOf(c),
    requesterName: names.get(c.requesterUnitId) ?? issuer.authorityName,
    deadline: effectiveDueOn(c, calendar),
    units: deemed.map((u) => names.get(u) ?? u),
    basisRef: settings.basisRef || undefined,
  });
}

/**
 * One click: draft the notice, link it to the consultation, and issue it with the next number
 * of the register. Three transactions in that order, so an interruption leaves a linked draft
 * that "Phát hành" finishes, never an orphan number.
 */
export async function draftAndIssueNotice(db: DondocDb, ctx: WriteContext, actor: Actor, consultationId: string, signer: SignerChoice): Promise<{ letterId: string; number: number; letter: Letter }> {
  const [issuerCtx, units, calendar, settings, site] = await Promise.all([loadIssuerContext(db), loadUnits(db), loadCalendarConfig(db), loadConsultationSettings(db), loadSiteScope(db)]);
  const c = await loadConsultation(db, consultationId);
  if (!c) throw new AppError('not-found', 'Không tìm thấy phiếu lấy ý kiến.');
  const decision = canActAsRequester(actor, site, c, 'sendNotice');
  if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
  const today = businessDay(ctx);
  const existing = c.noticeLetterId ? await loadLetter(db, c.noticeLetterId) : null;
  if (existing && existing.status === 'issued') throw new AppError('conflict', `Đã có thông báo số ${String(existing.number).padStart(2, '0')}/${existing.letter.symbol}.`);
  const { issuer, officeKey } = issuerFor(issuerCtx, units.find((u) => u.id === c.requesterUnitId), signer);
  const letter = buildNotice(c, await loadReplies(db, c.id), today, issuer, units, settings, calendar);
  const letterId = await saveDraft(db, ctx, {
    id: existing?.status === 'draft' ? c.noticeLetterId : null,
    letter,
    officeKey,
    related: { consultationId: c.id, purpose: 'deemedAgreementNotice' },
  });
  if (c.noticeLetterId !== letterId) await attachNotice(db, ctx, actor, c.id, letterId);
  const issued = await issueLetter(db, ctx, letterId, today);
  return { letterId, ...issued };
}

export async function loadSummaryLetter(db: DondocDb, consultationId: string, asOf: string, signer: SignerChoice): Promise<Letter> {
  const [issuerCtx, units, calendar] = await Promise.all([loadIssuerContext(db), loadUnits(db), loadCalendarConfig(db)]);
  const c = await loadConsultation(db, consultationId);
  if (!c) throw new AppError('not-found', 'Không tìm thấy phiếu lấy ý kiến.');
  const { issuer } = issuerFor(issuerCtx, units.find((u) => u.id === c.requesterUnitId), signer);
  return buildSummary(c, await loadReplies(db, c.id), await loadReconciliations(db, c.id), asOf, issuer, units, calendar);
}
