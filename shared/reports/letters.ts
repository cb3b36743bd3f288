/**
 * The report and the ranking as official letters (báo cáo): the same builders for the app's
 * reports screen and for `dondoc samples`.
 */
import { buildPeriodicReport, type LetterIssuer } from '../letters/templates';
import type { Letter } from '../letters/model';
import { rankingSections, reportSections, type ReportTexts } from './export';
import type { ReportData } from './model';
import type { RankingScheme, UnitRanking } from './ranking';

export const REPORT_TOPIC = 'Kết quả thực hiện nhiệm vụ được giao';

export function reportLetter(data: ReportData, issuer: LetterIssuer, texts: ReportTexts, issue: { number: number | null; date: string | null }): Letter {
  return buildPeriodicReport({
    issuer,
    periodLabel: data.periodLabel,
    topic: REPORT_TOPIC,
    intro: [`${issuer.authorityName} báo cáo kết quả thực hiện nhiệm vụ được giao ${data.periodLabel} (phạm vi: ${data.scopeLabel.charAt(0).toLowerCase()}${data.scopeLabel.slice(1)}) như sau:`],
    sections: reportSections(data, texts),
    number: issue.number,
    date: issue.date,
  });
}

export function rankingLetter(data: ReportData, ranking: readonly UnitRanking[], scheme: RankingScheme, issuer: LetterIssuer, date: string | null): Letter {
  return buildPeriodicReport({
    issuer,
    periodLabel: data.periodLabel,
    topic: 'Kết quả đánh giá, xếp loại mức độ hoàn thành nhiệm vụ được giao',
    sections: rankingSections(data, ranking, scheme),
    number: null,
    date,
  });
}
