import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { letterSchema, type LetterBlockInput } from '@shared/letters/model';
import { blocksToSegments, segmentsToBlocks, textToBlocks } from './bodyText';
import { letterFileStem } from './fileName';

describe('body text', () => {
  it('splits paragraphs on blank lines, joins wrapped lines and turns "- " lines into bullets', () => {
    const text = 'Thực hiện Kế hoạch số 12/KH-UBND,\nỦy ban nhân dân xã đề nghị:\n\n- Phòng Kinh tế báo cáo;\n- Phòng Văn hóa báo cáo\n  kết quả.\nĐề nghị thực hiện./.\n\n\n';
    expect(textToBlocks(text)).toEqual([
      { type: 'paragraph', text: 'Thực hiện Kế hoạch số 12/KH-UBND, Ủy ban nhân dân xã đề nghị:' },
      { type: 'bullets', items: ['Phòng Kinh tế báo cáo;', 'Phòng Văn hóa báo cáo kết quả.'] },
      { type: 'paragraph', text: 'Đề nghị thực hiện./.' },
    ]);
    expect(textToBlocks('  \n\n ')).toEqual([]);
  });

  it('keeps headings and tables of a template draft and numbers headings in order', () => {
    const table: LetterBlockInput = { type: 'table', columns: [{ header: 'TT' }, { header: 'Nhiệm vụ' }], rows: [['1', 'Báo cáo']] };
    const blocks: LetterBlockInput[] = [
      { type: 'paragraph', text: 'Mở đầu.' },
      { type: 'heading', level: 1, label: 'I', text: 'Kết quả' },
      { type: 'heading', level: 2, label: '1', text: 'Kinh tế' },
      { type: 'paragraph', text: 'Tăng.' },
      table,
      { type: 'heading', level: 1, label: 'II', text: 'Kiến nghị' },
      { type: 'heading', level: 2, label: '1', text: 'Với tỉnh' },
    ];
    const segments = blocksToSegments(blocks);
    expect(segments.map((s) => s.kind)).toEqual(['text', 'heading', 'heading', 'text', 'table', 'heading', 'heading', 'text']);
    expect(segmentsToBlocks(segments)).toEqual(blocks);
    // Deleting the first section renumbers the rest.
    const renumbered = segmentsToBlocks(segments.filter((_, i) => i !== 1 && i !== 2));
    expect(renumbered.filter((b) => b.type === 'heading').map((b) => (b.type === 'heading' ? `${b.level}:${b.label}` : ''))).toEqual(['1:I', '2:1']);
  });

  it('keeps bold, italic and centring of paragraphs whose text is unchanged', () => {
    const previous: LetterBlockInput[] = [{ type: 'paragraph', text: 'QUYẾT ĐỊNH:', bold: true, align: 'center' }];
    const out = segmentsToBlocks([{ kind: 'text', text: 'QUYẾT ĐỊNH:\n\nĐiều khác.' }], previous);
    expect(out).toEqual([
      { type: 'paragraph', text: 'QUYẾT ĐỊNH:', bold: true, italic: undefined, align: 'center' },
      { type: 'paragraph', text: 'Điều khác.' },
    ]);
  });

  it('round-trips any paragraphs and bullets through the text editor (property)', () => {
    // Words never hold whitespace: the range À–ỹ also spans Unicode spaces (U+1680), which the
    // editor trims like any space (see the regression test below).
    const word = fc.stringMatching(/^[A-Za-zÀ-ỹ0-9.,;:()/]{1,8}$/).filter((w) => !/\s/u.test(w));
    const line = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
    const para = line.filter((t) => !/^[-–•]\s/.test(t)).map((text): LetterBlockInput => ({ type: 'paragraph', text }));
    const bullets = fc.array(line, { minLength: 1, maxLength: 4 }).map((items): LetterBlockInput => ({ type: 'bullets', items }));
    // Two bullet lists in a row would merge into one, as they would on paper.
    const blocks = fc.array(fc.oneof(para, bullets), { maxLength: 8 }).filter((bs) => bs.every((b, i) => i === 0 || !(b.type === 'bullets' && bs[i - 1].type === 'bullets')));
    fc.assert(
      fc.property(blocks, (bs) => {
        expect(segmentsToBlocks(blocksToSegments(bs))).toEqual(bs);
      }),
    );
  });

  it('regression (property seed 1779270286): a bullet item starting with a Unicode space (U+1680) comes back trimmed, like any space', () => {
    const bs: LetterBlockInput[] = [{ type: 'bullets', items: ['\u1680.', ')'] }];
    expect(segmentsToBlocks(blocksToSegments(bs))).toEqual([{ type: 'bullets', items: ['.', ')'] }]);
  });

  it('produces blocks the letter schema accepts', () => {
    const blocks = segmentsToBlocks([{ kind: 'text', text: 'Đoạn một.\n\n- ý a;\n- ý b.' }, { kind: 'heading', level: 1, text: 'Tổ chức thực hiện' }]);
    const r = letterSchema.safeParse({
      kind: 'notice',
      issuingAgency: 'ỦY BAN NHÂN DÂN',
      symbol: 'TB-UBND',
      place: 'Cao Bằng',
      blocks,
      signature: { name: 'Nguyễn Văn A' },
    });
    expect(r.success).toBe(true);
  });
});

describe('letter file names', () => {
  it('names issued letters number-symbol-year and drafts by symbol', () => {
    expect(letterFileStem({ number: 5, symbol: 'UBND-VP', date: '2026-05-05' })).toBe('05-UBND-VP-2026');
    expect(letterFileStem({ number: 123, symbol: 'TB-UBND', date: '2027-01-04' })).toBe('123-TB-UBND-2027');
    expect(letterFileStem({ number: null, symbol: 'UBND-VP', date: null })).toBe('Du-thao-UBND-VP');
  });
});
