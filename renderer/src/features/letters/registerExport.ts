import type { Sheet } from '@shared/xlsx/sheets';
import { formatShortDate, letterKinds } from '@shared/letters/model';
import { formatRegisterNumber, signatureLabel, type RegisterEntry } from '@shared/letters/register';
import { foldVietnamese } from '@shared/text/search';

/** The register as one sheet, in number order, cancelled numbers kept with their reason. */
export function registerSheet(entries: readonly RegisterEntry[], year: number): Sheet {
  const rows = [...entries]
    .sort((a, b) => a.number - b.number)
    .map((e) => [
      e.number,
      formatRegisterNumber(e.number, e.symbol),
      formatShortDate(e.issuedOn),
      letterKinds[e.kind].label,
      e.subject,
      e.recipients,
      e.signer,
      e.status === 'cancelled' ? 'Đã hủy số' : 'Đã phát hành',
      e.cancelledReason,
      signatureLabel(e),
    ]);
  return {
    name: `Sổ văn bản đi ${year}`,
    columns: [
      { header: 'Số', width: 6 },
      { header: 'Số, ký hiệu', width: 18 },
      { header: 'Ngày ban hành', width: 14, format: 'date' },
      { header: 'Loại văn bản', width: 14 },
      { header: 'Trích yếu', width: 60 },
      { header: 'Nơi nhận', width: 40 },
      { header: 'Người ký', width: 24 },
      { header: 'Tình trạng', width: 14 },
      { header: 'Lý do hủy', width: 40 },
      { header: 'Chữ ký số', width: 28 },
    ],
    rows,
  };
}

/** "So-van-ban-di-UBND-2026.xlsx": ASCII, so every file system and mail client keeps it. */
export function registerFileName(officeLabel: string, year: number): string {
  const slug = foldVietnamese(officeLabel).replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `So-van-ban-di-${slug ? `${slug}-` : ''}${year}.xlsx`;
}
