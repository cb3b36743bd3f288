import { describe, expect, it } from 'vitest';
import { defaultLetterhead, letterheadSchema, type Letterhead } from '@shared/letters/letterhead';
import { buildFollowUpLetter } from '@shared/letters/templates';
import type { Organisation } from '@shared/registries/organisation';
import { checkForm, formFromLetter, formToInput, newForm, withKind, withOffice } from './editorModel';
import { registerFileName, registerSheet } from './registerExport';

const org: Organisation = {
  authorityName: 'Ủy ban nhân dân xã Hòa An',
  parentName: 'Ủy ban nhân dân tỉnh Cao Bằng',
  placeName: 'Cao Bằng',
  authoritySymbol: 'UBND',
  siteRole: 'coordinator',
  actsForUnitIds: ['root', 'vp'],
  authorityUnitId: 'root',
};
const settings: Letterhead = letterheadSchema.parse({
  ...defaultLetterhead(org, { symbol: 'VP', name: 'Văn phòng HĐND và UBND' }),
  offices: [
    { symbol: 'VP', name: 'Văn phòng HĐND và UBND' },
    { symbol: 'VHXH', name: 'Phòng Văn hóa - Xã hội' },
  ],
  signers: [{ id: 's1', name: 'Nông Văn Bình', title: 'Chủ tịch', authority: 'TM', authorityLine: 'Ủy ban nhân dân', deputyFor: '' }],
  defaultSignerId: 's1',
  distribution: ['TT. Đảng ủy xã'],
  drafterInitials: 'LT',
});

describe('editor form', () => {
  it('starts a công văn from the settings and needs only a subject to be valid', () => {
    const f = newForm('officialLetter', settings, org);
    expect(f.symbol).toBe('UBND-VP');
    expect(f.distribution).toBe('Như trên\nTT. Đảng ủy xã');
    const blank = checkForm(f);
    expect(blank.ok).toBe(false);
    expect(!blank.ok && blank.problems).toEqual(['Công văn cần trích yếu (V/v)']);
    const ok = checkForm({ ...f, subject: 'Đôn đốc báo cáo', recipients: '- Phòng Kinh tế;\nPhòng Văn hóa.', segments: [{ kind: 'text', text: 'Đề nghị báo cáo./.' }] });
    expect(ok.ok && ok.letter).toMatchObject({
      issuingAgency: 'ỦY BAN NHÂN DÂN\nXÃ HÒA AN',
      recipients: ['Phòng Kinh tế', 'Phòng Văn hóa'],
      distribution: ['Như trên', 'TT. Đảng ủy xã'],
      archiveUnit: 'VP',
      drafterInitials: 'LT',
      signature: { authority: 'TM', name: 'Nông Văn Bình' },
    });
  });

  it('recomputes the ký hiệu on kind and office changes and swaps an untouched starter body', () => {
    let f = newForm('officialLetter', settings, org);
    f = withOffice(f, 'VHXH');
    expect(f.symbol).toBe('UBND-VHXH');
    f = withKind(f, 'report');
    expect(f.symbol).toBe('BC-UBND');
    expect(f.segments.filter((s) => s.kind === 'heading')).toHaveLength(4);
    expect(f.distribution).toBe('TT. Đảng ủy xã');
    f = withKind({ ...f, segments: [{ kind: 'text', text: 'Đã sửa.' }] }, 'invitation');
    expect(f.symbol).toBe('GM-UBND');
    expect(f.subject).toBe('Dự họp');
    expect(f.segments).toEqual([{ kind: 'text', text: 'Đã sửa.' }]);
  });

  it('keeps a template draft as it was: header, table, signature and related fields', () => {
    const letter = buildFollowUpLetter({
      issuer: {
        parentAgency: '',
        issuingAgency: 'ỦY BAN NHÂN DÂN\nXÃ KHÁC',
        authorityName: 'Ủy ban nhân dân xã Khác',
        chairName: 'Chủ tịch UBND xã',
        coordinatorName: 'Văn phòng',
        agencyAbbr: 'UBND',
        draftingUnitAbbr: 'VP',
        place: 'Lạng Sơn',
        signature: { authority: 'KT', authorityLine: 'Chủ tịch', title: 'Phó Chủ tịch', name: 'Lý Văn Tú' },
      },
      unit: { name: 'Phòng Kinh tế' },
      asOf: '2026-05-04',
      tasks: [{ title: 'Báo cáo tiến độ', sourceRef: 'Kế hoạch số 12/KH-UBND', dueOn: '2026-04-30', status: 'overdue', daysOverdue: 2 }],
    });
    const f = formFromLetter(letter);
    expect(f.segments.some((s) => s.kind === 'table')).toBe(true);
    const back = checkForm(f, letter.blocks);
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.letter).toEqual(letter);
    expect(formToInput(f, letter.blocks).place).toBe('Lạng Sơn');
  });
});

describe('register export', () => {
  it('lists numbers in order with status and reason, and names the file in ASCII', () => {
    const base = { officeKey: 'root', year: 2026, kind: 'officialLetter' as const, recipients: 'Phòng Kinh tế', signer: 'Nông Văn Bình', letterId: 'x' };
    const sheet = registerSheet(
      [
        { ...base, number: 2, symbol: 'UBND-VP', subject: 'Hai', issuedOn: '2026-05-06', status: 'issued', cancelledReason: '', signedSha256: 'a'.repeat(64), signatureLevel: 'B-T' },
        { ...base, number: 1, symbol: 'UBND-VP', subject: 'Một', issuedOn: '2026-05-05', status: 'cancelled', cancelledReason: 'Sai nơi nhận' },
      ],
      2026,
    );
    expect(sheet.rows.map((r) => [r[1], r[2], r[7], r[8], r[9]])).toEqual([
      ['01/UBND-VP', '05/05/2026', 'Đã hủy số', 'Sai nơi nhận', ''],
      ['02/UBND-VP', '06/05/2026', 'Đã phát hành', '', 'Ký số, có dấu thời gian (B-T)'],
    ]);
    expect(sheet.columns).toHaveLength(sheet.rows[0].length);
    expect(registerFileName('Ủy ban nhân dân xã Hòa An', 2026)).toBe('So-van-ban-di-uy-ban-nhan-dan-xa-hoa-an-2026.xlsx');
  });
});
