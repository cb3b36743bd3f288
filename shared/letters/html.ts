/**
 * Renders a Letter as a standalone HTML document for the in-app preview, printing and PDF via
 * Chromium (webContents.printToPDF / page.pdf). Same geometry and type sizes as the docx renderer
 * (shared/letters/layout.ts). No inline style attributes: all styling sits in one <style> element
 * (also exported as `letterCss`) so a strict CSP only needs to allow that one stylesheet.
 *
 * Page numbers: CSS @page margin boxes (`@top-center { content: counter(page) }`) with an
 * `@page :first` rule that blanks page 1. Chromium supports margin boxes since version 131
 * (Electron 34+); older engines simply print no page numbers.
 */
import {
  BODY_FIRST_LINE_INDENT_MM,
  BODY_LINE_SPACING,
  BODY_PARAGRAPH_SPACING_PT,
  DEFAULT_MARGINS_MM,
  FONT_FAMILY,
  headerLeftTwips,
  HEADER_LEFT_RATIO,
  OFFICIAL_SUBJECT_SPACING_PT,
  PAGE_HEIGHT_MM,
  PAGE_WIDTH_MM,
  RECIPIENTS_INDENT_MM,
  RECIPIENTS_LABEL_STEM,
  TWIPS_PER_MM,
  RULE_THICKNESS_PT,
  SHORT_RULE_RATIO,
  SIGNATURE_GAP_LINES,
  SIGNATURE_LEFT_RATIO,
  SIZES,
  letterMarginsSchema,
  textWidthTwips,
  type LetterMargins,
} from './layout';
import { balancedLines, measureTwips, tableColumnWidths } from './metrics';
import {
  balancedAgencyLines,
  distributionLines,
  formatLetterNumber,
  formatPlaceDate,
  printedDate,
  headingText,
  letterKinds,
  recipientLines,
  signatureLines,
  subjectLine,
  upperVi,
  urgencyStamps,
  URGENCY_STAMP_HEIGHT_MM,
  type Letter,
  type LetterBlock,
  type TableBlock,
} from './model';

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Escaped text with line breaks kept. */
function t(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

/** Table cell sizes the schema allows (10–14 pt), one class each. */
const TABLE_FONT_SIZES = [10, 11, 12, 13, 14];

const pct = (r: number): string => `${Math.round(r * 1000) / 10}%`;

export function letterCss(margins: LetterMargins = DEFAULT_MARGINS_MM): string {
  const m = letterMarginsSchema.parse(margins);
  const pageMargin = `${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm`;
  const rule = `${RULE_THICKNESS_PT}pt solid #000`;
  return `
@page { size: A4; margin: ${pageMargin};
  @top-center { content: counter(page); font-family: "${FONT_FAMILY}", "Liberation Serif", serif; font-size: ${SIZES.pageNumber}pt; }
}
@page :first { @top-center { content: none; } }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "${FONT_FAMILY}", "Liberation Serif", serif; font-size: ${SIZES.body}pt; color: #000; line-height: 1.15;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media screen {
  body { background: #e9ecef; }
  .sheet { width: ${PAGE_WIDTH_MM}mm; min-height: ${PAGE_HEIGHT_MM}mm; padding: ${pageMargin}; margin: 8mm auto; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.25); }
}
@media print { .sheet { width: auto; padding: 0; margin: 0; } }
p { margin: 0; }
table.layout { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.layout td { padding: 0; vertical-align: top; text-align: center; }
.header col.l { width: ${pct(HEADER_LEFT_RATIO)}; }
.header col.r { width: ${pct(1 - HEADER_LEFT_RATIO)}; }
.parent-agency { font-size: ${SIZES.parentAgency}pt; text-transform: none; }
.issuing-agency { display: inline-block; font-size: ${SIZES.issuingAgency}pt; font-weight: bold; }
.short-rule { width: ${pct(SHORT_RULE_RATIO)}; margin: 2pt auto 0; border-top: ${rule}; height: 0; }
.national-title { font-size: ${SIZES.nationalTitle}pt; font-weight: bold; white-space: nowrap; }
.motto { display: inline-block; font-size: ${SIZES.motto}pt; font-weight: bold; padding-bottom: 2pt; border-bottom: ${rule}; white-space: nowrap; }
.number { font-size: ${SIZES.number}pt; margin-top: 6pt; white-space: pre; }
.official-subject { font-size: ${SIZES.officialSubject}pt; margin-top: ${OFFICIAL_SUBJECT_SPACING_PT}pt; }
.place-date { font-size: ${SIZES.placeDate}pt; font-style: italic; margin-top: 6pt; }
.urgency { display: inline-block; margin-top: 8pt; border: 1pt solid #f00; color: #f00; font-weight: bold; font-size: ${SIZES.urgency}pt; height: ${URGENCY_STAMP_HEIGHT_MM}mm; line-height: calc(${URGENCY_STAMP_HEIGHT_MM}mm - 2pt); text-align: center; }
.urgency.urgent { width: ${urgencyStamps.urgent.widthMm}mm; }
.urgency.veryUrgent { width: ${urgencyStamps.veryUrgent.widthMm}mm; }
.urgency.flash { width: ${urgencyStamps.flash.widthMm}mm; }
.title-block { text-align: center; margin-top: 18pt; break-after: avoid; }
.kind-title { font-size: ${SIZES.kindTitle}pt; font-weight: bold; }
.kind-subject { display: inline-block; font-size: ${SIZES.kindSubject}pt; font-weight: bold; }
/* The dots under ệ/ị/ụ/ợ reach the bottom of the line box: the rule under the trích yếu sits clear of them. */
.kind-subject .short-rule { margin-top: 5pt; }
.recipients { font-size: ${SIZES.recipients}pt; margin: 18pt 0 6pt; }
.recipients.one { text-align: center; }
.recipients.many { margin-left: ${RECIPIENTS_INDENT_MM}mm; }
.recipients.many .list { margin-left: ${(measureTwips(RECIPIENTS_LABEL_STEM, SIZES.recipients, false) / TWIPS_PER_MM).toFixed(2)}mm; }
.body p, .body .bullet, .body .heading { text-align: justify; text-indent: ${BODY_FIRST_LINE_INDENT_MM}mm; margin-top: ${BODY_PARAGRAPH_SPACING_PT}pt; line-height: ${BODY_LINE_SPACING}; }
.body p.center { text-align: center; text-indent: 0; }
.body .b { font-weight: bold; }
.body .i { font-style: italic; }
.body .heading { font-weight: bold; break-after: avoid; }
.body .heading.l3 { font-weight: normal; }
table.grid { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: ${BODY_PARAGRAPH_SPACING_PT}pt; }
table.grid th, table.grid td { border: 0.5pt solid #000; padding: 2pt 4pt; vertical-align: top; line-height: 1.15; overflow-wrap: break-word; hyphens: none; }
table.grid th { font-weight: bold; text-align: center; vertical-align: middle; }
table.grid tr { break-inside: avoid; }
table.grid tfoot td { font-weight: bold; }
table.grid .left { text-align: left; } table.grid .center { text-align: center; } table.grid .right { text-align: right; }
.signature { margin-top: 12pt; break-inside: avoid; }
.signature col.l { width: ${pct(SIGNATURE_LEFT_RATIO)}; }
.signature col.r { width: ${pct(1 - SIGNATURE_LEFT_RATIO)}; }
.signature td.left { text-align: left; }
.distribution-label { font-size: ${SIZES.distributionLabel}pt; font-weight: bold; font-style: italic; }
.distribution { font-size: ${SIZES.distribution}pt; }
.authority { font-size: ${SIZES.signature}pt; font-weight: bold; }
.signature-gap { height: ${SIGNATURE_GAP_LINES * 1.15 * SIZES.signature}pt; }
a.sign-slot { display: block; height: 100%; color: inherit; text-decoration: none; }
.attachment-stamp { float: right; margin: 0 0 6pt 6pt; font-family: "${FONT_FAMILY}", "Liberation Serif", serif; font-size: ${ATTACHMENT_STAMP_PT}pt; color: #000; text-align: left; line-height: 1.2; }
.attachment-stamp a { display: block; color: #000; text-decoration: none; padding: 2pt 3pt; }
.attachment-heading { clear: both; text-align: center; font-size: ${SIZES.kindTitle}pt; font-weight: bold; }
.attachment-title { text-align: center; font-size: ${SIZES.kindTitle}pt; font-weight: bold; margin-top: 2pt; }
.attachment-ref { text-align: center; font-size: ${SIZES.kindTitle}pt; font-style: italic; margin-top: 2pt; }
.signer { font-size: ${SIZES.signature}pt; font-weight: bold; }
${TABLE_FONT_SIZES.map((s) => `table.grid.fs${s} th, table.grid.fs${s} td { font-size: ${s}pt; }`).join('\n')}
`;
}

function headerHtml(letter: Letter, margins: LetterMargins): string {
  const colW = headerLeftTwips(margins);
  const parent = balancedAgencyLines(letter.parentAgency, SIZES.parentAgency, false, colW)
    .map((l) => `<div class="parent-agency">${t(l)}</div>`)
    .join('');
  const issuing = balancedAgencyLines(letter.issuingAgency, SIZES.issuingAgency, true, colW).map(t).join('<br>');
  const left = `${parent}<div class="issuing-agency">${issuing}<div class="short-rule"></div></div>`;
  const right = `<div class="national-title">${t(NATIONAL_TITLE)}</div><div class="motto">${t(MOTTO)}</div>`;
  let numberCell = `<div class="number">${t(formatLetterNumber(letter.number, letter.symbol))}</div>`;
  if (letter.kind === 'officialLetter') numberCell += `<div class="official-subject">${balancedLines(subjectLine(letter), SIZES.officialSubject, false, colW).map(t).join('<br>')}</div>`;
  if (letter.urgency) numberCell += `<div class="urgency ${letter.urgency}">${t(urgencyStamps[letter.urgency].text)}</div>`;
  const dateCell = `<div class="place-date">${t(formatPlaceDate(letter.place, printedDate(letter)))}</div>`;
  return `<table class="layout header"><colgroup><col class="l"><col class="r"></colgroup><tbody>
<tr><td>${left}</td><td>${right}</td></tr>
<tr><td>${numberCell}</td><td>${dateCell}</td></tr>
</tbody></table>`;
}

function titleHtml(letter: Letter, margins: LetterMargins): string {
  const title = letterKinds[letter.kind].title;
  if (!title) return '';
  // Broken like the V/v line: no word left alone on the last line where a better break exists.
  const subjectLines = letter.subject ? balancedLines(letter.subject, SIZES.kindSubject, true, textWidthTwips(margins)).map(t).join('<br>') : '';
  const subject = letter.subject ? `<div class="kind-subject">${subjectLines}<div class="short-rule"></div></div>` : '<div class="short-rule"></div>';
  return `<div class="title-block"><div class="kind-title">${t(title)}</div>${subject}</div>`;
}

function recipientsHtml(letter: Letter): string {
  const lines = recipientLines(letter.recipients);
  if (lines.length === 0) return '';
  if (lines.length === 1) return `<div class="recipients one">Kính gửi: ${t(lines[0])}</div>`;
  return `<div class="recipients many"><div class="label">Kính gửi:</div><div class="list">${lines.map((l) => `<div>${t(l)}</div>`).join('')}</div></div>`;
}

function tableHtml(b: TableBlock, textTwips: number): string {
  const widths = tableColumnWidths(b, textTwips);
  const cols = widths.map((w) => `<col width="${((w / textTwips) * 100).toFixed(2)}%">`).join('');
  const head = b.columns.map((c) => `<th>${t(c.header)}</th>`).join('');
  const rows = b.rows.map((r) => `<tr>${r.map((v, i) => `<td class="${b.columns[i].align}">${t(v)}</td>`).join('')}</tr>`).join('\n');
  const foot = b.totals ? `<tfoot><tr>${b.totals.map((v, i) => `<td class="${b.columns[i].align}">${t(v)}</td>`).join('')}</tr></tfoot>` : '';
  // Cell size differs per table, so it rides on a class (10–14 pt in whole points).
  return `<table class="grid fs${Math.round(b.fontSize)}"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody>${foot}</table>`;
}

function blockHtml(b: LetterBlock, textTwips: number): string {
  switch (b.type) {
    case 'paragraph': {
      const cls = [b.align === 'center' ? 'center' : '', b.bold ? 'b' : '', b.italic ? 'i' : ''].filter(Boolean).join(' ');
      return `<p${cls ? ` class="${cls}"` : ''}>${t(b.text)}</p>`;
    }
    case 'heading':
      return `<div class="heading l${b.level}">${t(headingText(b))}</div>`;
    case 'bullets':
      return b.items.map((i) => `<div class="bullet">- ${t(i)}</div>`).join('\n');
    case 'table':
      return tableHtml(b, textTwips);
  }
}

/**
 * Where a digital signature goes in the PDF: a link to this address over the spot. Chromium's
 * print-to-PDF turns it into a link annotation with the spot's page and rectangle; the signing
 * code in main replaces it with the signature field (electron/main/signing/pdfSign.ts).
 */
export const SIGN_SLOT_PREFIX = 'https://dondoc.invalid/sign/';
/** The organisation's signature on an attachment: Times New Roman 10 pt (Decree 30, Phụ lục I). */
export const ATTACHMENT_STAMP_PT = 10;

function signatureHtml(letter: Letter, signerSlot: boolean): string {
  const dist = distributionLines(letter)
    .map((l) => `<div class="distribution">${t(l)}</div>`)
    .join('');
  const authority = signatureLines(letter.signature)
    .map((l) => `<div class="authority">${t(l)}</div>`)
    .join('');
  return `<table class="layout signature"><colgroup><col class="l"><col class="r"></colgroup><tbody><tr>
<td class="left"><div class="distribution-label">Nơi nhận:</div>${dist}</td>
<td>${authority}<div class="signature-gap">${signerSlot ? `<a class="sign-slot" href="${SIGN_SLOT_PREFIX}signer"></a>` : ''}</div><div class="signer">${t(letter.signature.name)}</div></td>
</tr></tbody></table>`;
}

/** The letter's markup without <html>/<head>, for embedding next to `letterCss()`. */
export function renderLetterBodyHtml(letter: Letter, options: { signerSlot?: boolean; margins?: LetterMargins } = {}): string {
  const margins = letterMarginsSchema.parse(options.margins ?? DEFAULT_MARGINS_MM);
  return `<div class="sheet letter">
${headerHtml(letter, margins)}
${titleHtml(letter, margins)}
${recipientsHtml(letter)}
<div class="body">
${letter.blocks.map((b) => blockHtml(b, textWidthTwips(margins))).join('\n')}
</div>
${signatureHtml(letter, options.signerSlot ?? false)}
</div>`;
}

export interface RenderLetterHtmlOptions {
  margins?: LetterMargins;
  /** Leaves the spot between the signing title and the name for the signer's visible digital signature. */
  signerSlot?: boolean;
}

/** A complete HTML document (A4 print CSS included). `letter` must already be parsed by `letterSchema`. */
export function renderLetterHtml(letter: Letter, options: RenderLetterHtmlOptions = {}): string {
  const title = letter.kind === 'officialLetter' ? `Công văn ${letter.subject}` : `${letterKinds[letter.kind].label} ${letter.subject}`;
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${t(title.trim())}</title>
<style>${letterCss(options.margins)}</style>
</head>
<body>
${renderLetterBodyHtml(letter, { signerSlot: options.signerSlot, margins: options.margins })}
</body>
</html>
`;
}

/** An attachment issued as a separate file (Phụ lục of a letter): heading, title, reference line, content. */
export interface LetterAttachment {
  /** "Phụ lục" or "Phụ lục I". */
  heading: string;
  title: string;
  /** "(Kèm theo Công văn số 05/UBND-VP ngày 05/5/2026 của Ủy ban nhân dân xã Hòa An)". */
  reference: string;
  blocks: LetterBlock[];
}

export interface AttachmentStamp {
  /** Organisation that signs. */
  organisation: string;
  /** Số/ký hiệu of the main letter, "05/UBND-VP". */
  reference: string;
  /** ISO 8601 with +07:00. */
  time: string;
}

/** The attachment's HTML; with a stamp, page 1 carries the organisation signature text at its top right, with a signing slot over it. */
export function renderAttachmentHtml(a: LetterAttachment, options: { margins?: LetterMargins; stamp?: AttachmentStamp } = {}): string {
  const stamp = options.stamp
    ? `<div class="attachment-stamp"><a href="${SIGN_SLOT_PREFIX}attachment">${t(options.stamp.organisation)}<br>Số: ${t(options.stamp.reference)}<br>Thời gian ký: ${t(options.stamp.time)}</a></div>`
    : '';
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${t(`${a.heading} ${a.title}`)}</title>
<style>${letterCss(options.margins)}</style>
</head>
<body>
<div class="sheet letter">
${stamp}<div class="attachment-heading">${t(a.heading)}</div>
<div class="attachment-title">${t(upperVi(a.title))}</div>
<div class="attachment-ref">${t(a.reference)}</div>
<div class="body">
${a.blocks.map((b) => blockHtml(b, textWidthTwips(letterMarginsSchema.parse(options.margins ?? DEFAULT_MARGINS_MM)))).join('\n')}
</div>
</div>
</body>
</html>
`;
}
