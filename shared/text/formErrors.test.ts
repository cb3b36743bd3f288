import { describe, expect, it } from 'vitest';
import { consultationFormErrors, directiveFormErrors, errorLines, namedProblem, officialFormErrors, unitFormErrors, upwardFormErrors, DIRECTIVE_FIELD_ORDER } from './formErrors';

describe('field-named form errors', () => {
  it('names the field once and never glues sentences', () => {
    expect(namedProblem('Trích yếu', 'Nhập trích yếu.')).toBe('Trích yếu: chưa nhập.');
    expect(namedProblem('Tên đơn vị', 'Tên đơn vị quá dài')).toBe('Tên đơn vị quá dài.');
    expect(namedProblem('Ký hiệu văn bản', 'Ký hiệu chỉ gồm chữ in hoa, số, dấu chấm, gạch ngang')).toBe('Ký hiệu văn bản: ký hiệu chỉ gồm chữ in hoa, số, dấu chấm, gạch ngang.');
    expect(namedProblem('Đơn vị được lấy ý kiến', 'Chọn ít nhất một đơn vị được lấy ý kiến.')).toBe('Đơn vị được lấy ý kiến: chọn ít nhất một đơn vị được lấy ý kiến.');
    expect(namedProblem('Loại hồ sơ', 'Chọn loại hồ sơ.')).toBe('Loại hồ sơ: chưa chọn.');
  });

  it('directive: every problem at once, an impossible date said so', () => {
    const e = directiveFormErrors({ kind: 'officialLetter', number: '', symbol: '', issuedOn: '31/02/2026', receivedOn: 'abc', issuerName: '', subject: '', signerName: '' });
    expect(errorLines(e, DIRECTIVE_FIELD_ORDER)).toEqual([
      'Ngày ban hành: Ngày 31/02/2026 không có thật.',
      'Ngày nhận: "abc" không phải là ngày (dạng dd/mm/yyyy).',
      'Cơ quan ban hành: chưa nhập.',
      'Trích yếu: chưa nhập.',
    ]);
    expect(directiveFormErrors({ kind: 'officialLetter', number: '1041', symbol: 'UBND-NC', issuedOn: '10/03/2026', receivedOn: '09/03/2026', issuerName: 'UBND tỉnh', subject: 'Về việc', signerName: '' })).toEqual({ receivedOn: 'Ngày nhận: không được trước ngày ban hành.' });
    expect(directiveFormErrors({ kind: 'officialLetter', number: '1041', symbol: 'UBND-NC', issuedOn: '10/03/2026', receivedOn: '', issuerName: 'UBND tỉnh', subject: 'Về việc', signerName: '' })).toEqual({});
  });

  it('consultation and upward request: each field named', () => {
    const c = consultationFormErrors({ subject: '', dossierKind: 'duThao', dossierTitle: '', field: null, content: '', requesterUnitId: 'vp', consultedUnitIds: [], legalBasis: '', requestRef: '', mode: 'fixed', days: 5, fixedText: '30/02/2026', requestedOn: '2026-02-10' });
    expect(c).toEqual({
      subject: 'Trích yếu: chưa nhập.',
      dossierTitle: 'Tên hồ sơ, đề án, dự án: chưa nhập.',
      consultedUnitIds: 'Đơn vị được lấy ý kiến: chọn ít nhất một đơn vị được lấy ý kiến.',
      legalBasis: 'Căn cứ pháp lý: chưa nhập.',
      deadline: 'Hạn trả lời: Ngày 30/02/2026 không có thật.',
    });
    const u = upwardFormErrors({ subject: 'Đề nghị', content: '', fromUnitId: null, toUnitId: 'ubnd', addressee: 'chair', beyondAuthorityReason: '', days: 0, requestedOn: '2026-02-10' });
    expect(Object.keys(u).sort()).toEqual(['beyondAuthorityReason', 'content', 'deadline', 'fromUnitId']);
    expect(u.content).toBe('Nội dung đề nghị: chưa nhập.');
    expect(u.beyondAuthorityReason).toMatch(/^Lý do vượt thẩm quyền: /);
  });

  it('registries: unit and official forms', () => {
    const e = unitFormErrors({ name: ' ', shortName: '', kind: 'office', symbol: 'vp 1', parentId: null, validFrom: '29/02/2025', validTo: '', order: 0, fields: [] });
    expect(e).toEqual({
      name: 'Tên đơn vị: chưa nhập.',
      shortName: 'Tên viết tắt: chưa nhập.',
      symbol: 'Ký hiệu văn bản: ký hiệu chỉ gồm chữ in hoa, số, dấu chấm, gạch ngang.',
      validFrom: 'Hiệu lực từ ngày: Ngày 29/02/2025 không có thật.',
    });
    const o = officialFormErrors({ fullName: '', phone: '', email: '', active: true, posts: [{ unitId: null, title: '', from: '01/13/2026', to: '' }] });
    expect(o).toEqual({
      fullName: 'Họ và tên: chưa nhập.',
      'posts.0.unitId': 'Chức vụ thứ 1 – đơn vị: chưa chọn.',
      'posts.0.title': 'Chức vụ thứ 1 – chức vụ: chưa nhập.',
      'posts.0.from': expect.stringMatching(/^Chức vụ thứ 1 – từ ngày: /),
    });
  });
});
