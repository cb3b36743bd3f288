/**
 * `dondoc samples OUT_DIR`: one realistic letter of every kind the app writes, as .docx and .pdf,
 * so a văn thư can review the templates before using them. PDFs are signed on a PKCS#11 token
 * when one is configured through the environment (DONDOC_PKCS11_LIBRARY, DONDOC_PKCS11_PIN, and
 * optionally DONDOC_SIGNER_PNG / DONDOC_SEAL_PNG; the drawn test images otherwise), else unsigned.
 * With DONDOC_PKCS11_ORGANISATION (the subject name of the organisation's certificate on the token)
 * the organisation signs each letter after its signer, with the seal, and signs the attachment.
 * With DONDOC_TSA_URL each signature also gets that timestamp authority's token (PAdES B-T); a TSA
 * that cannot give one stops the run with its message.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { renderAttachmentHtml, renderLetterHtml, type LetterAttachment } from '../shared/letters/html';
import { parseLetter, type Letter } from '../shared/letters/model';
import { sampleIssuer, sampleTasks } from '../shared/letters/__fixtures__/samples';
import { buildDeemedAgreementNotice, buildFollowUpLetter } from '../shared/letters/templates';
import { buildSummary } from '../shared/consultations/summaryLetter';
import { buildChairReport } from '../shared/followup';
import { DEFAULT_RANKING_SCHEME, rankUnits } from '../shared/reports';
import { rankingLetter, reportLetter } from '../shared/reports/letters';
import { renderLetterDocx } from '../electron/main/letters/docx';
import { isoVietnamTime, signLetterPdf, signLetterPdfAsOrganisation } from '../electron/main/signing/letterSigning';
import { requestTimestamp } from '../electron/main/signing/timestamp';
import { listTokenCertificates, withTokenSigner } from '../electron/main/signing/token';
import { launchPdfPrinter } from './lib/chromiumPdf';
import { sampleChairReportTasks, sampleConsultation, sampleQuarterReport } from './sampleData';

const fixtures = resolve(import.meta.dirname, 'fixtures');
const ISSUED = '2026-05-05';

/** The letters, each numbered and dated as the văn thư would issue it. */
export function sampleLetters(): { name: string; label: string; letter: Letter }[] {
  const issuer = sampleIssuer;
  const sig = issuer.signature;
  const quarter = sampleQuarterReport();
  const consult = sampleConsultation();
  // The register numbers and dates a draft at issue (renderer/src/features/letters/data/register.ts).
  const issued = (letter: Letter, number: number): Letter => parseLetter({ ...letter, number, date: ISSUED });
  const common = {
    parentAgency: '',
    issuingAgency: issuer.issuingAgency,
    place: issuer.place,
    date: ISSUED,
    signature: sig,
    archiveUnit: issuer.draftingUnitAbbr,
    drafterInitials: issuer.drafterInitials,
    copies: issuer.copies,
  };
  return [
    {
      name: '01-cong-van-don-doc',
      label: 'Công văn đôn đốc nhiệm vụ quá hạn (25 nhiệm vụ)',
      letter: buildFollowUpLetter({
        issuer,
        unit: { name: 'Phòng Kinh tế', headTitle: 'Trưởng phòng Kinh tế' },
        // A second reminder: the first công văn đôn đốc is cited once in the opening paragraph.
        tasks: sampleTasks(50)
          .slice(0, 25)
          .map((t) => ({ ...t, earlierReminder: { number: 12, symbol: 'UBND-VP', date: '2026-04-20' } })),
        asOf: ISSUED,
        reportBy: '2026-05-15',
        reminderCount: 2,
        number: 21,
        date: ISSUED,
      }),
    },
    {
      name: '02-thong-bao-coi-nhu-dong-y',
      label: 'Thông báo coi như đồng ý (hết hạn góp ý)',
      letter: buildDeemedAgreementNotice({
        issuer,
        dossierTitle: 'dự thảo Kế hoạch phát triển kinh tế - xã hội năm 2027',
        requestRef: 'Công văn số 15/UBND-VP ngày 20/4/2026',
        deadline: '2026-04-30',
        units: ['Phòng Kinh tế', 'Trung tâm Phục vụ hành chính công'],
        number: 22,
        date: ISSUED,
      }),
    },
    {
      name: '03-bao-cao-dinh-ky',
      label: 'Báo cáo định kỳ kết quả thực hiện nhiệm vụ (quý I)',
      letter: issued(
        reportLetter(
          quarter,
          issuer,
          {
            shortcomings: ['Một số đơn vị chưa chủ động báo cáo tiến độ; 03 nhiệm vụ quá hạn do chưa phân công rõ người thực hiện.'],
            nextSteps: ['Các đơn vị tập trung hoàn thành dứt điểm các nhiệm vụ quá hạn trong tháng 5 năm 2026.'],
            proposals: ['Đề nghị Chủ tịch Ủy ban nhân dân xã chỉ đạo các đơn vị có nhiệm vụ quá hạn báo cáo rõ nguyên nhân.'],
          },
          { number: null, date: null },
        ),
        23,
      ),
    },
    {
      name: '04-cong-van-khan',
      label: 'Công văn (khẩn, gửi nhiều nơi)',
      letter: parseLetter({
        ...common,
        kind: 'officialLetter',
        number: 24,
        symbol: 'UBND-VP',
        urgency: 'urgent',
        subject: 'triển khai các biện pháp cấp bách phòng, chống dịch bệnh trên cây lúa vụ Xuân',
        recipients: ['Phòng Kinh tế', 'Trung tâm Dịch vụ nông nghiệp xã', 'Trưởng các thôn, tổ dân phố'],
        blocks: [
          { type: 'paragraph', text: 'Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về phòng, chống sinh vật gây hại cây trồng vụ Xuân năm 2026, Ủy ban nhân dân xã yêu cầu các cơ quan, đơn vị khẩn trương thực hiện các nội dung sau:' },
          { type: 'paragraph', text: '1. Phòng Kinh tế chủ trì, phối hợp với Trung tâm Dịch vụ nông nghiệp xã kiểm tra đồng ruộng, hướng dẫn nông dân phòng trừ rầy nâu, đạo ôn; báo cáo kết quả trước ngày 15/5/2026.' },
          { type: 'paragraph', text: '2. Trưởng các thôn, tổ dân phố thông báo rộng rãi trên hệ thống truyền thanh để nhân dân biết, chủ động thực hiện./.' },
        ],
        distribution: ['Như trên', 'Chủ tịch, các PCT UBND xã'],
      }),
    },
    {
      name: '05-thong-bao',
      label: 'Thông báo',
      letter: parseLetter({
        ...common,
        kind: 'notice',
        number: 25,
        symbol: 'TB-UBND',
        subject: 'Lịch tiếp công dân tháng 5 năm 2026',
        blocks: [
          { type: 'paragraph', text: 'Ủy ban nhân dân xã Hòa An thông báo lịch tiếp công dân định kỳ tháng 5 năm 2026 như sau:' },
          { type: 'bullets', items: ['Thời gian: từ 07 giờ 30 phút đến 11 giờ 30 phút, ngày 15/5/2026;', 'Địa điểm: Trụ sở tiếp công dân xã Hòa An;', 'Người tiếp: Chủ tịch Ủy ban nhân dân xã.'] },
          { type: 'paragraph', text: 'Ủy ban nhân dân xã thông báo để công dân biết./.' },
        ],
        distribution: ['Thường trực Đảng ủy xã', 'Các thôn, tổ dân phố'],
      }),
    },
    {
      name: '06-giay-moi',
      label: 'Giấy mời',
      letter: parseLetter({
        ...common,
        kind: 'invitation',
        number: 26,
        symbol: 'GM-UBND',
        subject: 'Dự hội nghị sơ kết công tác quý I năm 2026',
        blocks: [
          { type: 'paragraph', text: 'Ủy ban nhân dân xã Hòa An trân trọng kính mời: Trưởng các phòng, ban, đơn vị thuộc Ủy ban nhân dân xã.' },
          { type: 'paragraph', text: 'Tới dự hội nghị sơ kết công tác quý I, triển khai nhiệm vụ quý II năm 2026.' },
          { type: 'paragraph', text: 'Thời gian: 08 giờ 00 phút, ngày 12/5/2026. Địa điểm: Hội trường Ủy ban nhân dân xã.' },
          { type: 'paragraph', text: 'Rất mong các đồng chí tham dự đúng thời gian./.' },
        ],
        distribution: ['Như trên'],
      }),
    },
    {
      name: '07-bao-cao-chu-tich',
      label: 'Báo cáo Chủ tịch các nhiệm vụ quá hạn đã đôn đốc hai lần',
      letter: buildChairReport({
        // The coordinating office reports in its own name and register (officeIssuer in the follow-up centre).
        issuer: {
          ...issuer,
          parentAgency: issuer.issuingAgency,
          issuingAgency: 'VĂN PHÒNG HĐND VÀ UBND',
          authorityName: 'Văn phòng HĐND và UBND xã',
          coordinatorName: '',
          agencyAbbr: 'VP',
          draftingUnitAbbr: '',
          signature: { authority: null, title: 'Chánh Văn phòng', name: 'Lương Văn Thành' },
          extraDistribution: [],
        },
        chairName: issuer.chairName,
        authorityName: 'Ủy ban nhân dân xã Hòa An',
        asOf: ISSUED,
        tasks: sampleChairReportTasks(),
        number: 8,
        date: ISSUED,
      }),
    },
    {
      name: '08-bao-cao-xep-loai',
      label: 'Báo cáo đánh giá, xếp loại đơn vị (quý I)',
      letter: issued(rankingLetter(quarter, rankUnits(quarter, DEFAULT_RANKING_SCHEME), DEFAULT_RANKING_SCHEME, issuer, null), 27),
    },
    {
      name: '09-tong-hop-y-kien',
      label: 'Báo cáo tổng hợp ý kiến góp ý dự thảo',
      letter: issued(buildSummary(consult.consultation, consult.replies, consult.reconciliations, ISSUED, issuer, consult.units), 28),
    },
  ];
}

function followUpAttachment(letter: Letter): LetterAttachment {
  return {
    heading: 'Phụ lục',
    title: 'Danh sách nhiệm vụ quá hạn, sắp đến hạn',
    reference: `(Kèm theo Công văn số ${String(letter.number).padStart(2, '0')}/${letter.symbol} ngày 05/5/2026 của Ủy ban nhân dân xã Hòa An)`,
    blocks: letter.blocks.filter((b) => b.type === 'table'),
  };
}

async function pageCount(pdf: Buffer): Promise<number> {
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
}

export async function writeSamples(outDir: string, print: (line: string) => void): Promise<number> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const library = process.env.DONDOC_PKCS11_LIBRARY ?? '';
  const pin = process.env.DONDOC_PKCS11_PIN ?? '';
  const certificates = library ? listTokenCertificates(library) : [];
  // DONDOC_PKCS11_ORGANISATION: the subject name of the organisation's certificate; it signs after the signer, with the seal.
  const organisationName = process.env.DONDOC_PKCS11_ORGANISATION ?? '';
  const orgCert = organisationName ? certificates.find((c) => c.subjectName === organisationName) : undefined;
  if (organisationName && !orgCert) throw new Error(`Thiết bị ký số không có chứng thư số của ${organisationName}.`);
  const cert = certificates.find((c) => c !== orgCert);
  if (library && !cert) throw new Error('Thiết bị ký số không có chứng thư số nào.');
  const images = {
    signerPng: await readFile(process.env.DONDOC_SIGNER_PNG ?? join(fixtures, 'signer.png')),
    sealPng: await readFile(process.env.DONDOC_SEAL_PNG ?? join(fixtures, 'seal.png')),
    sealDiameterMm: 35,
  };
  const signingTime = new Date();
  const tsaUrl = process.env.DONDOC_TSA_URL ?? '';
  const timestamp = cert && tsaUrl ? (signatureValue: Buffer) => requestTimestamp(tsaUrl, signatureValue) : undefined;
  const printer = await launchPdfPrinter();
  try {
    print(cert ? `Ký số bằng chứng thư của ${cert.subjectName} (${cert.tokenLabel}).` : 'Chưa cấu hình thiết bị ký số: PDF không ký.');
    if (orgCert) print(`Cơ quan ký số (đóng dấu) bằng chứng thư của ${orgCert.subjectName}.`);
    if (timestamp) print(`Mỗi chữ ký có dấu thời gian của ${tsaUrl} (PAdES B-T).`);
    const sign = async (pdf: Buffer, kind: 'letter' | 'attachment', reason: string): Promise<Buffer> => {
      if (!cert) return pdf;
      // An attachment is signed by the organisation alone (by the signer when no organisation certificate is set).
      const first = kind === 'attachment' && orgCert ? orgCert : cert;
      const signed = await withTokenSigner({ libraryPath: library, ref: first.ref, askPin: async () => pin, now: signingTime }, async (certDer, cmsSign) =>
        (await signLetterPdf({ pdf, kind, images: kind === 'letter' ? images : undefined, certDer, sign: cmsSign, timestamp, signingTime, reason, organisationSignsNext: !!orgCert })).pdf,
      );
      if (kind === 'attachment' || !orgCert) return signed;
      return withTokenSigner({ libraryPath: library, ref: orgCert.ref, askPin: async () => pin, now: signingTime }, async (certDer, cmsSign) =>
        (await signLetterPdfAsOrganisation({ pdf: signed, sealPng: images.sealPng, sealDiameterMm: images.sealDiameterMm, certDer, sign: cmsSign, timestamp, signingTime, reason: `Cơ quan ký số: ${reason}` })).pdf,
      );
    };
    let letters = 0;
    let attachments = 0;
    let pages = 0;
    for (const { name, label, letter } of sampleLetters()) {
      await writeFile(join(dir, `${name}.docx`), await renderLetterDocx(letter));
      const ref = `${String(letter.number).padStart(2, '0')}/${letter.symbol}`;
      const pdf = await sign(await printer.toPdf(renderLetterHtml(letter, { signerSlot: !!cert })), 'letter', `Phát hành văn bản số ${ref}`);
      await writeFile(join(dir, `${name}.pdf`), pdf);
      print(`${name}.docx, ${name}.pdf — ${label}: ${await pageCount(pdf)} trang${cert ? (orgCert ? ', người ký và cơ quan đã ký số' : ', đã ký số') : ''}`);
      if (name === '01-cong-van-don-doc') {
        const stamp = cert ? { organisation: 'Ủy ban nhân dân xã Hòa An', reference: ref, time: isoVietnamTime(signingTime) } : undefined;
        const att = await sign(await printer.toPdf(renderAttachmentHtml(followUpAttachment(letter), { stamp })), 'attachment', `Phụ lục kèm văn bản số ${ref}`);
        await writeFile(join(dir, `${name}-phu-luc.pdf`), att);
        print(`${name}-phu-luc.pdf — Phụ lục kèm công văn đôn đốc: ${await pageCount(att)} trang${orgCert ? ', cơ quan ký số' : cert ? ', đã ký số' : ''}`);
        attachments++;
        pages += await pageCount(att);
      }
      letters++;
      pages += await pageCount(pdf);
    }
    print(`Xong: ${letters} văn bản và ${attachments} phụ lục, tổng ${pages} trang PDF, trong thư mục ${dir}.`);
  } finally {
    await printer.close();
  }
  return 0;
}
