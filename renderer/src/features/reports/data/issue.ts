/**
 * The report as an official letter (báo cáo): drafted, numbered through the outgoing register,
 * then snapshotted. Three transactions in that order, so an interruption leaves a numbered letter
 * whose figures are also in the letter itself, never a snapshot without its letter.
 */
import { AppError } from '@shared/errors';
import { buildPeriodicReport, REPORT_PLACEHOLDER, type LetterIssuer } from '@shared/letters/templates';
import { REPORT_TOPIC, rankingLetter, reportLetter } from '@shared/reports/letters';
import type { Letter } from '@shared/letters/model';
import { issueRefusal, explanationSections, type RankingScheme, type ReportData, type ReportTexts, type UnitRanking } from '@shared/reports';
import type { DondocDb } from '../../../data/db';
import type { WriteContext } from '../../../data/repository';
import { issueLetter, saveDraft } from '../../letters/data/register';
import { issuerFor, loadIssuerContext, type SignerChoice } from '../../consultations/data/letters';
import { saveSnapshot } from './snapshots';

export { REPORT_TOPIC, rankingLetter, reportLetter };

export function explanationLetter(data: ReportData, r: UnitRanking, scheme: RankingScheme, titles: ReadonlyMap<string, string>, issuer: LetterIssuer, date: string | null): Letter {
  return buildPeriodicReport({
    issuer,
    periodLabel: data.periodLabel,
    topic: `Căn cứ xếp loại của ${r.unitName}`,
    sections: explanationSections(data, r, scheme, titles),
    number: null,
    date,
  });
}

export async function issuerOf(db: DondocDb, signer: SignerChoice): Promise<{ issuer: LetterIssuer; officeKey: string }> {
  return issuerFor(await loadIssuerContext(db), undefined, signer);
}

export async function issueReport(
  db: DondocDb,
  ctx: WriteContext,
  input: { data: ReportData; signer: SignerChoice; texts: ReportTexts; issuedOn: string },
): Promise<{ snapshotId: string; letterId: string; number: number; letter: Letter }> {
  const refusal = issueRefusal(input.texts);
  if (refusal) throw new AppError('invalid-input', refusal);
  const { issuer, officeKey } = await issuerOf(db, input.signer);
  const draft = reportLetter(input.data, issuer, input.texts, { number: null, date: null });
  // Whatever the texts, nothing placeholder-like reaches a numbered letter.
  if (JSON.stringify(draft.blocks).includes(REPORT_PLACEHOLDER)) throw new AppError('invalid-input', 'Chưa phát hành được: báo cáo còn mục chưa có nội dung.');
  const letterId = await saveDraft(db, ctx, { letter: draft, officeKey, related: { purpose: 'periodicReport' } });
  const { number, letter } = await issueLetter(db, ctx, letterId, input.issuedOn);
  const snapshotId = await saveSnapshot(db, ctx, { data: input.data, title: `Báo cáo ${REPORT_TOPIC.toLowerCase()} ${input.data.periodLabel}`, issuedOn: input.issuedOn, letterId, number, unitId: officeKey });
  return { snapshotId, letterId, number, letter };
}
