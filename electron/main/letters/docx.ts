/**
 * Renders a Letter to .docx per Nghị định 30/2020/NĐ-CP Phụ lục I (docs/letter-format.md).
 * Layout values come from shared/letters/layout.ts; this file only maps them to docx objects.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  HeightRule,
  WidthType,
  type IBorderOptions,
  type IParagraphOptions,
} from 'docx';
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
  urgencyStamps,
  URGENCY_STAMP_HEIGHT_MM,
  type Letter,
  type LetterBlock,
  type TableBlock,
} from '@shared/letters/model';
import {
  BODY_FIRST_LINE_INDENT_MM,
  BODY_LINE_SPACING,
  BODY_PARAGRAPH_SPACING_PT,
  DEFAULT_MARGINS_MM,
  FONT_FAMILY,
  HEADER_DISTANCE_MM,
  HEADER_LEFT_RATIO,
  OFFICIAL_SUBJECT_SPACING_PT,
  PAGE_HEIGHT_TW,
  PAGE_WIDTH_TW,
  RECIPIENTS_INDENT_MM,
  RECIPIENTS_LABEL_STEM,
  RULE_THICKNESS_PT,
  SHORT_RULE_RATIO,
  SIGNATURE_GAP_LINES,
  SIGNATURE_LEFT_RATIO,
  SIZES,
  letterMarginsSchema,
  mmToTwips,
  textWidthTwips,
  type LetterMargins,
} from '@shared/letters/layout';
import { MOTTO_WIDTH_TWIPS, balancedLines, measureTwips, tableColumnWidths } from '@shared/letters/metrics';

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** Line spacing value for LineRuleType.AUTO: 240 = single. */
const SINGLE = 240;
const pt = (p: number): number => Math.round(p * 20);
const halfPt = (p: number): number => Math.round(p * 2);
/** Rule width in eighths of a point (docx border size unit). */
const RULE_SIZE = Math.round(RULE_THICKNESS_PT * 8);
const RULE_BORDER: IBorderOptions = { style: BorderStyle.SINGLE, size: RULE_SIZE, color: '000000', space: 0 };
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const NO_CELL_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE };
const NO_TABLE_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
/** Body table grid: thin single lines [practice]. */
const GRID: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const GRID_BORDERS = { top: GRID, bottom: GRID, left: GRID, right: GRID, insideHorizontal: GRID, insideVertical: GRID };
/** Height of the rule paragraph: the gap between the text above and its rule (about 4 pt). */
const RULE_GAP = 80;
const TIGHT = { before: 0, after: 0, line: SINGLE, lineRule: LineRuleType.AUTO };

// XML 1.0 forbids most C0 controls; a stray one would make Word refuse the file.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

interface RunStyle {
  size: number;
  bold?: boolean;
  italics?: boolean;
  color?: string;
}

function runs(text: string, style: RunStyle): TextRun[] {
  const lines = text.replace(XML_INVALID, '').split(/\r?\n/);
  return lines.map(
    (line, i) =>
      new TextRun({
        text: line,
        font: FONT_FAMILY,
        size: halfPt(style.size),
        bold: style.bold ?? false,
        italics: style.italics ?? false,
        color: style.color,
        break: i > 0 ? 1 : undefined,
      }),
  );
}

function para(text: string, style: RunStyle, options: Omit<IParagraphOptions, 'children' | 'text'> = {}): Paragraph {
  return new Paragraph({ spacing: TIGHT, ...options, children: runs(text, style) });
}

/** A short centred rule: an empty paragraph with a bottom border, narrowed by equal indents (docs/letter-format.md §5). */
function rule(containerWidth: number, length: number): Paragraph {
  const len = Math.min(length, containerWidth);
  const left = Math.max(0, Math.floor((containerWidth - len) / 2));
  return new Paragraph({
    indent: { left, right: containerWidth - len - left },
    border: { bottom: RULE_BORDER },
    spacing: { before: 0, after: 0, line: RULE_GAP, lineRule: LineRuleType.EXACT },
    run: { size: 2 },
    children: [],
  });
}

function cell(width: number, children: (Paragraph | Table)[], opts: { borders?: boolean; vAlign?: 'top' | 'center' } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: opts.borders ? undefined : NO_CELL_BORDERS,
    // 2 pt above and below, 4 pt at the sides: the HTML renderer's cell padding, so both break pages alike.
    margins: opts.borders ? { left: 80, right: 80, top: 40, bottom: 40 } : { left: 0, right: 0, top: 0, bottom: 0 },
    verticalAlign: opts.vAlign === 'center' ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
    children: children.length ? children : [new Paragraph({ children: [] })],
  });
}

interface Geometry {
  margins: LetterMargins;
  textW: number;
  headerLeft: number;
  headerRight: number;
  sigLeft: number;
  sigRight: number;
}

function geometry(margins: LetterMargins): Geometry {
  const textW = textWidthTwips(margins);
  const headerLeft = Math.round(textW * HEADER_LEFT_RATIO);
  const sigLeft = Math.round(textW * SIGNATURE_LEFT_RATIO);
  return { margins, textW, headerLeft, headerRight: textW - headerLeft, sigLeft, sigRight: textW - sigLeft };
}

/** ô 1–4, 5b, 10b: the borderless two-row header table. Row 2 keeps Số and the date on one line. */
function headerTable(letter: Letter, g: Geometry): Table {
  const center = { alignment: AlignmentType.CENTER };
  const left: Paragraph[] = [];
  for (const line of balancedAgencyLines(letter.parentAgency, SIZES.parentAgency, false, g.headerLeft)) left.push(para(line, { size: SIZES.parentAgency }, center));
  const issuing = balancedAgencyLines(letter.issuingAgency, SIZES.issuingAgency, true, g.headerLeft);
  for (const line of issuing) left.push(para(line, { size: SIZES.issuingAgency, bold: true }, center));
  const longest = Math.max(...issuing.map((l) => measureTwips(l, SIZES.issuingAgency, true)));
  left.push(rule(g.headerLeft, Math.round(Math.min(longest, g.headerLeft) * SHORT_RULE_RATIO)));

  const right: Paragraph[] = [
    para(NATIONAL_TITLE, { size: SIZES.nationalTitle, bold: true }, center),
    para(MOTTO, { size: SIZES.motto, bold: true }, center),
    rule(g.headerRight, MOTTO_WIDTH_TWIPS[SIZES.motto]),
  ];

  const numberCell: Paragraph[] = [
    para(formatLetterNumber(letter.number, letter.symbol), { size: SIZES.number }, { ...center, spacing: { ...TIGHT, before: pt(6) } }),
  ];
  if (letter.kind === 'officialLetter') {
    numberCell.push(
      para(balancedLines(subjectLine(letter), SIZES.officialSubject, false, g.headerLeft).join('\n'), { size: SIZES.officialSubject }, { ...center, spacing: { ...TIGHT, before: pt(OFFICIAL_SUBJECT_SPACING_PT) } }),
    );
  }
  const numberChildren: (Paragraph | Table)[] = [...numberCell];
  if (letter.urgency) {
    // The stamp box is exactly its size (KHẨN 20 × 8 mm): a one-cell table with a fixed row height.
    const stamp = urgencyStamps[letter.urgency];
    const w = mmToTwips(stamp.widthMm);
    const box: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: 'FF0000' };
    numberChildren.push(new Paragraph({ spacing: { before: 0, after: 0, line: pt(8), lineRule: LineRuleType.EXACT }, children: [] }));
    numberChildren.push(
      new Table({
        width: { size: w, type: WidthType.DXA },
        columnWidths: [w],
        layout: TableLayoutType.FIXED,
        alignment: AlignmentType.CENTER,
        borders: { top: box, bottom: box, left: box, right: box, insideHorizontal: NONE, insideVertical: NONE },
        rows: [
          new TableRow({
            height: { value: mmToTwips(URGENCY_STAMP_HEIGHT_MM), rule: HeightRule.EXACT },
            cantSplit: true,
            children: [
              new TableCell({
                width: { size: w, type: WidthType.DXA },
                margins: { left: 0, right: 0, top: 0, bottom: 0 },
                verticalAlign: VerticalAlignTable.CENTER,
                children: [para(stamp.text, { size: SIZES.urgency, bold: true, color: 'FF0000' }, center)],
              }),
            ],
          }),
        ],
      }),
    );
    numberChildren.push(new Paragraph({ spacing: { before: 0, after: 0, line: pt(2), lineRule: LineRuleType.EXACT }, children: [] }));
  }
  const dateCell = [
    para(formatPlaceDate(letter.place, printedDate(letter)), { size: SIZES.placeDate, italics: true }, { ...center, spacing: { ...TIGHT, before: pt(6) } }),
  ];

  return new Table({
    width: { size: g.textW, type: WidthType.DXA },
    columnWidths: [g.headerLeft, g.headerRight],
    layout: TableLayoutType.FIXED,
    borders: NO_TABLE_BORDERS,
    rows: [
      new TableRow({ cantSplit: true, children: [cell(g.headerLeft, left), cell(g.headerRight, right)] }),
      new TableRow({ cantSplit: true, children: [cell(g.headerLeft, numberChildren), cell(g.headerRight, dateCell)] }),
    ],
  });
}

/** ô 5a for named kinds: TÊN LOẠI, trích yếu, short rule. */
function titleBlock(letter: Letter, g: Geometry): Paragraph[] {
  const title = letterKinds[letter.kind].title;
  if (!title) return [];
  const out = [para(title, { size: SIZES.kindTitle, bold: true }, { alignment: AlignmentType.CENTER, spacing: { ...TIGHT, before: pt(18) }, keepNext: true })];
  if (letter.subject) {
    // Broken like the V/v line: no word left alone on the last line where a better break exists.
    const lines = balancedLines(letter.subject, SIZES.kindSubject, true, g.textW);
    out.push(para(lines.join('\n'), { size: SIZES.kindSubject, bold: true }, { alignment: AlignmentType.CENTER, keepNext: true }));
    const w = Math.min(Math.max(...lines.map((l) => measureTwips(l, SIZES.kindSubject, true))), g.textW);
    out.push(rule(g.textW, Math.round(w * SHORT_RULE_RATIO)));
  } else {
    const w = measureTwips(title, SIZES.kindTitle, true);
    out.push(rule(g.textW, Math.round(w * SHORT_RULE_RATIO)));
  }
  return out;
}

/** ô 9a Kính gửi. */
function recipientsBlock(letter: Letter, _g: Geometry): Paragraph[] {
  if (letter.recipients.length === 0) return [];
  const label = 'Kính gửi:';
  const size = SIZES.recipients;
  const before = letter.kind === 'officialLetter' ? pt(18) : pt(12);
  const lines = recipientLines(letter.recipients);
  if (lines.length === 1) {
    return [para(`${label} ${lines[0]}`, { size }, { alignment: AlignmentType.CENTER, spacing: { ...TIGHT, before, after: pt(6) } })];
  }
  // Several recipients: "Kính gửi:" on its own line, then one recipient a line with its dash under the colon.
  const start = mmToTwips(RECIPIENTS_INDENT_MM);
  const colon = start + measureTwips(RECIPIENTS_LABEL_STEM, size, false);
  return [
    para(label, { size }, { alignment: AlignmentType.LEFT, indent: { left: start }, spacing: { ...TIGHT, before } }),
    ...lines.map((line, i) =>
      para(line, { size }, {
        alignment: AlignmentType.LEFT,
        indent: { left: colon },
        spacing: { ...TIGHT, after: i === lines.length - 1 ? pt(6) : 0 },
      }),
    ),
  ];
}

/**
 * Body lines BODY_LINE_SPACING × the font size apart, in points, as the HTML (and so the PDF) sets
 * them with `line-height`. Word's "multiple" would be relative to the font's single line (1.15 em
 * for Times New Roman), which made the .docx body 15 % taller than the PDF and cost a page.
 */
const BODY_SPACING = { before: pt(BODY_PARAGRAPH_SPACING_PT), after: 0, line: pt(SIZES.body * BODY_LINE_SPACING), lineRule: LineRuleType.AT_LEAST };
const FIRST_LINE = mmToTwips(BODY_FIRST_LINE_INDENT_MM);

function bodyTable(t: TableBlock, g: Geometry): Table {
  const widths = tableColumnWidths(t, g.textW);
  const align = (a: 'left' | 'center' | 'right') =>
    a === 'center' ? AlignmentType.CENTER : a === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT;
  const cellPara = (text: string, bold: boolean, a: 'left' | 'center' | 'right') =>
    para(text, { size: t.fontSize, bold }, { alignment: align(a), spacing: { before: 0, after: 0, line: SINGLE, lineRule: LineRuleType.AUTO } });
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: t.columns.map((c, i) => cell(widths[i], [cellPara(c.header, true, 'center')], { borders: true, vAlign: 'center' })),
    }),
    ...t.rows.map(
      (r) =>
        new TableRow({
          cantSplit: true,
          children: r.map((v, i) => cell(widths[i], [cellPara(v, false, t.columns[i].align)], { borders: true })),
        }),
    ),
  ];
  if (t.totals) {
    rows.push(
      new TableRow({
        cantSplit: true,
        children: t.totals.map((v, i) => cell(widths[i], [cellPara(v, true, t.columns[i].align)], { borders: true })),
      }),
    );
  }
  return new Table({
    width: { size: g.textW, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: GRID_BORDERS,
    rows,
  });
}

function bodyBlocks(blocks: readonly LetterBlock[], g: Geometry): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const size = SIZES.body;
  blocks.forEach((b, index) => {
    switch (b.type) {
      case 'paragraph':
        out.push(
          para(b.text, { size, bold: b.bold, italics: b.italic }, {
            alignment: b.align === 'center' ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
            indent: b.align === 'center' ? undefined : { firstLine: FIRST_LINE },
            spacing: BODY_SPACING,
            // The closing paragraph travels with the signature block.
            keepNext: index === blocks.length - 1,
          }),
        );
        break;
      case 'heading':
        out.push(
          para(headingText(b), { size, bold: b.level < 3 }, {
            alignment: AlignmentType.JUSTIFIED,
            indent: { firstLine: FIRST_LINE },
            spacing: BODY_SPACING,
            keepNext: true,
          }),
        );
        break;
      case 'bullets':
        for (const item of b.items) {
          out.push(para(`- ${item}`, { size }, { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: FIRST_LINE }, spacing: BODY_SPACING }));
        }
        break;
      case 'table':
        out.push(new Paragraph({ spacing: { before: 0, after: 0, line: pt(BODY_PARAGRAPH_SPACING_PT), lineRule: LineRuleType.EXACT }, keepNext: true, children: [] }));
        out.push(bodyTable(b, g));
        break;
    }
  });
  return out;
}

/** ô 7, 9b, 12: Nơi nhận on the left, authority, signature gap and name on the right, in one unsplittable row. */
function signatureTable(letter: Letter, g: Geometry): Table {
  const left: Paragraph[] = [para('Nơi nhận:', { size: SIZES.distributionLabel, bold: true, italics: true })];
  for (const line of distributionLines(letter)) left.push(para(line, { size: SIZES.distribution }));
  const center = { alignment: AlignmentType.CENTER };
  const right: Paragraph[] = signatureLines(letter.signature).map((l) => para(l, { size: SIZES.signature, bold: true }, center));
  for (let i = 0; i < SIGNATURE_GAP_LINES; i++) right.push(para('', { size: SIZES.signature }, center));
  right.push(para(letter.signature.name, { size: SIZES.signature, bold: true }, center));
  return new Table({
    width: { size: g.textW, type: WidthType.DXA },
    columnWidths: [g.sigLeft, g.sigRight],
    layout: TableLayoutType.FIXED,
    borders: NO_TABLE_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [cell(g.sigLeft, left), cell(g.sigRight, right)] })],
  });
}

export interface RenderLetterOptions {
  /** Margins in mm within the docs/letter-format.md ranges; defaults to 20/20/30/15. */
  margins?: LetterMargins;
}

export function buildLetterDocument(letter: Letter, options: RenderLetterOptions = {}): Document {
  const margins = letterMarginsSchema.parse(options.margins ?? DEFAULT_MARGINS_MM);
  const g = geometry(margins);
  // keepNext on the spacer ties it to the signature row, so the block never starts a page alone.
  const spacer = new Paragraph({ spacing: { before: 0, after: 0, line: pt(12), lineRule: LineRuleType.EXACT }, keepNext: true, children: [] });
  const body = bodyBlocks(letter.blocks, g);
  const children: (Paragraph | Table)[] = [headerTable(letter, g), ...titleBlock(letter, g), ...recipientsBlock(letter, g), ...body, spacer, signatureTable(letter, g)];

  const pageNumberHeader = new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT_FAMILY, size: halfPt(SIZES.pageNumber) })],
      }),
    ],
  });
  const emptyHeader = new Header({ children: [new Paragraph({ children: [] })] });

  return new Document({
    creator: 'Đôn Đốc',
    title: letter.kind === 'officialLetter' ? `Công văn ${letter.subject}` : `${letterKinds[letter.kind].label} ${letter.subject}`.trim(),
    styles: {
      default: {
        document: {
          run: { font: FONT_FAMILY, size: halfPt(SIZES.body), language: { value: 'vi-VN' } },
          paragraph: { spacing: { before: 0, after: 0, line: SINGLE, lineRule: LineRuleType.AUTO } },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE_WIDTH_TW, height: PAGE_HEIGHT_TW },
            margin: {
              top: mmToTwips(margins.top),
              bottom: mmToTwips(margins.bottom),
              left: mmToTwips(margins.left),
              right: mmToTwips(margins.right),
              header: mmToTwips(HEADER_DISTANCE_MM),
              footer: mmToTwips(HEADER_DISTANCE_MM),
            },
          },
        },
        headers: { default: pageNumberHeader, first: emptyHeader },
        children,
      },
    ],
  });
}

/** The letter as .docx bytes. `letter` must already be parsed by `letterSchema`. */
export async function renderLetterDocx(letter: Letter, options: RenderLetterOptions = {}): Promise<Buffer> {
  return Packer.toBuffer(buildLetterDocument(letter, options));
}

