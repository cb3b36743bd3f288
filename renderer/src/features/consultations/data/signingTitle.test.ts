/**
 * The signing title as a field of its own in the issuing dialogs: the default under
 * "TM. ỦY BAN NHÂN DÂN" is "CHỦ TỊCH" / "PHÓ CHỦ TỊCH" (not the post as typed), and what the
 * clerk types there is what the .docx prints.
 */
import { describe, expect, it } from 'vitest';
import { defaultLetterhead } from '@shared/letters/letterhead';
import { letterSignatureSchema, signatureLines } from '@shared/letters/model';
import { buildFollowUpLetter } from '@shared/letters/templates';
import { defaultSigningTitle } from '@shared/registries/officials';
import type { Organisation } from '@shared/registries/organisation';
import { renderLetterDocx } from '../../../../../electron/main/letters/docx';
import { paragraphs, paragraphText, readDocx } from '../../../../../electron/main/letters/__fixtures__/docxXml';
import { signaturePreview } from '../SignerSelect';
import { issuerFor, withSigningTitle, type IssuerContext, type SignerChoice } from './letters';

const org: Organisation = { authorityName: 'Ủy ban nhân dân xã Hòa An', parentName: 'Ủy ban nhân dân tỉnh Cao Bằng', placeName: 'Hòa An', authoritySymbol: 'UBND', siteRole: 'coordinator', actsForUnitIds: ['ubnd', 'vp'], authorityUnitId: 'ubnd' };
const ctx: IssuerContext = { org, letterhead: defaultLetterhead(org, { symbol: 'VP', name: 'Văn phòng HĐND và UBND xã' }) };
const withSigner: IssuerContext = {
  org,
  letterhead: { ...ctx.letterhead, signers: [{ id: 's1', name: 'Trần Thị Bình', title: 'Phó Chủ tịch', authority: 'KT', authorityLine: 'Chủ tịch', deputyFor: '' }], defaultSignerId: 's1' },
};

const lines = (c: IssuerContext, choice: SignerChoice) => signatureLines(letterSignatureSchema.parse(issuerFor(c, undefined, choice).issuer.signature));

describe('signing title in issuing dialogs', () => {
  it('defaults to the title without the body the letter already names', () => {
    const vice: SignerChoice = { kind: 'official', name: 'Trần Thị Bình', title: defaultSigningTitle('Phó Chủ tịch UBND xã'), isHead: false };
    expect(lines(ctx, vice)).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
    const chair: SignerChoice = { kind: 'official', name: 'Nguyễn Văn An', title: defaultSigningTitle('Chủ tịch Ủy ban nhân dân xã Hòa An'), isHead: true };
    expect(lines(ctx, chair)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
    expect(signaturePreview(ctx, chair)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
  });

  it('prints what the clerk typed, for an official and for a configured signer; blank keeps the default', () => {
    const vice: SignerChoice = { kind: 'official', name: 'Trần Thị Bình', title: 'Phó Chủ tịch', isHead: false };
    expect(lines(ctx, withSigningTitle(vice, '  Phó Chủ tịch  thường trực '))).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH THƯỜNG TRỰC']);
    expect(lines(ctx, withSigningTitle(vice, '   '))).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
    const configured: SignerChoice = { kind: 'letterhead', signerId: 's1' };
    expect(lines(withSigner, configured)).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
    expect(lines(withSigner, withSigningTitle(configured, 'Phó Chủ tịch phụ trách'))).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH PHỤ TRÁCH']);
  });

  it('the .docx prints the edited signing title', async () => {
    const { issuer } = issuerFor(ctx, undefined, withSigningTitle({ kind: 'official', name: 'Trần Thị Bình', title: 'Phó Chủ tịch', isHead: false }, 'Phó Chủ tịch thường trực'));
    const letter = buildFollowUpLetter({ issuer, unit: { name: 'Trạm Y tế' }, tasks: [{ title: 'Tiêm chủng mở rộng', sourceRef: '—', dueOn: '2026-03-02', status: 'overdue', daysOverdue: 3 }], asOf: '2026-03-05', date: '2026-03-06', number: 4 });
    const text = paragraphs(readDocx(await renderLetterDocx(letter)).document).map(paragraphText);
    const at = text.indexOf('KT. CHỦ TỊCH');
    expect(at).toBeGreaterThan(0);
    expect(text[at + 1]).toBe('PHÓ CHỦ TỊCH THƯỜNG TRỰC');
    expect(text).toContain('Trần Thị Bình');
  });
});
