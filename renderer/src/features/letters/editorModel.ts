/**
 * The editor's form and its conversion to and from the Letter model. A new letter starts from the
 * letterhead settings; a draft made elsewhere (follow-up, consultation) keeps its own header.
 */
import { letterIssuer, type Letterhead } from '@shared/letters/letterhead';
import { buildSymbol, letterSchema, type Letter, type LetterInput, type LetterKind, type LetterSignatureInput, type Urgency } from '@shared/letters/model';
import type { Organisation } from '@shared/registries/organisation';
import { blocksToSegments, segmentsToBlocks, type BodySegment } from './bodyText';

/** Kinds the editor offers for a new letter: a blank công văn, thông báo, báo cáo or giấy mời. */
export const EDITOR_KINDS = ['officialLetter', 'notice', 'report', 'invitation'] as const satisfies readonly LetterKind[];

export interface EditorForm {
  kind: LetterKind;
  parentAgency: string;
  issuingAgency: string;
  place: string;
  agencyAbbr: string;
  /** Drafting unit abbreviation ("VP"): in the công văn ký hiệu and "Lưu: VT, VP". */
  officeSymbol: string;
  symbol: string;
  subject: string;
  /** Kính gửi, one per line. */
  recipients: string;
  segments: BodySegment[];
  /** Settings signer the signature came from; null when it came with a draft. */
  signerId: string | null;
  signature: LetterSignatureInput;
  /** Nơi nhận, one per line, without "- " and ";". */
  distribution: string;
  drafterInitials: string;
  copies: number | null;
  urgency: Urgency | null;
}

const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*-\s*/, '').replace(/[;.]\s*$/, '').trim())
    .filter(Boolean);

export function starter(kind: LetterKind): Pick<EditorForm, 'subject' | 'recipients' | 'segments'> {
  switch (kind) {
    case 'report':
      return {
        subject: '',
        recipients: '',
        segments: [
          { kind: 'text', text: '' },
          { kind: 'heading', level: 1, text: 'Kết quả thực hiện' },
          { kind: 'text', text: '' },
          { kind: 'heading', level: 1, text: 'Tồn tại, hạn chế và nguyên nhân' },
          { kind: 'text', text: '' },
          { kind: 'heading', level: 1, text: 'Nhiệm vụ, giải pháp trong thời gian tới' },
          { kind: 'text', text: '' },
          { kind: 'heading', level: 1, text: 'Kiến nghị, đề xuất' },
          { kind: 'text', text: '' },
        ],
      };
    case 'invitation':
      return {
        subject: 'Dự họp',
        recipients: '',
        segments: [{ kind: 'text', text: 'Trân trọng kính mời:\n\n- Thời gian:\n- Địa điểm:\n- Nội dung:' }],
      };
    default:
      return { subject: '', recipients: '', segments: [{ kind: 'text', text: '' }] };
  }
}

/** A new letter of `kind` with the settings' header, default office and signer. */
export function newForm(kind: LetterKind, settings: Letterhead, org: Pick<Organisation, 'authorityName'>): EditorForm {
  const signer = settings.signers.find((s) => s.id === settings.defaultSignerId) ?? null;
  const issuer = signer ? letterIssuer(settings, org) : null;
  return {
    kind,
    parentAgency: settings.parentAgency,
    issuingAgency: settings.issuingAgency,
    place: settings.place,
    agencyAbbr: settings.authoritySymbol,
    officeSymbol: settings.defaultOfficeSymbol,
    symbol: buildSymbol(kind, settings.authoritySymbol, settings.defaultOfficeSymbol),
    ...starter(kind),
    signerId: signer?.id ?? null,
    signature: issuer?.signature ?? { name: '' },
    distribution: withAsAbove(kind, settings.distribution.join('\n'), ''),
    drafterInitials: settings.drafterInitials,
    copies: settings.copies,
    urgency: null,
  };
}

/** The form for a stored letter (draft or issued). */
export function formFromLetter(letter: Letter): EditorForm {
  const groups = letter.symbol.split('-');
  // Công văn: "<agency>-<unit>"; named kinds: "<kind>-<agency>" (docs/letter-format.md §3).
  const agencyAbbr = letter.kind === 'officialLetter' ? groups[0] : (groups[1] ?? groups[0]);
  const officeSymbol = letter.archiveUnit || (letter.kind === 'officialLetter' ? (groups[1] ?? '') : '');
  return {
    kind: letter.kind,
    parentAgency: letter.parentAgency,
    issuingAgency: letter.issuingAgency,
    place: letter.place,
    agencyAbbr,
    officeSymbol,
    symbol: letter.symbol,
    subject: letter.subject,
    recipients: letter.recipients.join('\n'),
    segments: blocksToSegments(letter.blocks),
    signerId: null,
    signature: letter.signature,
    distribution: letter.distribution.join('\n'),
    drafterInitials: letter.drafterInitials,
    copies: letter.copies,
    urgency: letter.urgency,
  };
}

const AS_ABOVE = 'Như trên';

/**
 * A công văn's Nơi nhận starts with "Như trên" (the Kính gửi addressees, docs/letter-format.md §3 ô 9b); other kinds
 * only keep it when they have addressees of their own.
 */
function withAsAbove(kind: LetterKind, distribution: string, recipients: string): string {
  const rows = distribution.split(/\r?\n/);
  const has = rows[0]?.trim().replace(/^-\s*/, '').replace(/[;.]$/, '') === AS_ABOVE;
  if (kind === 'officialLetter' && !has) return [AS_ABOVE, ...rows.filter((r) => r.trim())].join('\n');
  if (kind !== 'officialLetter' && has && !recipients.trim()) return rows.slice(1).join('\n');
  return distribution;
}

/** Changing kind recomputes the ký hiệu; an untouched starter body and subject follow the new kind. */
export function withKind(form: EditorForm, kind: LetterKind): EditorForm {
  const old = starter(form.kind);
  const untouched = JSON.stringify(old.segments) === JSON.stringify(form.segments);
  const next = starter(kind);
  return {
    ...form,
    kind,
    symbol: buildSymbol(kind, form.agencyAbbr, form.officeSymbol || undefined),
    ...(untouched ? { segments: next.segments } : {}),
    ...(form.subject === old.subject ? { subject: next.subject } : {}),
    distribution: withAsAbove(kind, form.distribution, form.recipients),
  };
}
export function withOffice(form: EditorForm, officeSymbol: string): EditorForm {
  return { ...form, officeSymbol, symbol: buildSymbol(form.kind, form.agencyAbbr, officeSymbol || undefined) };
}

export function formToInput(form: EditorForm, previousBlocks: Letter['blocks'] = []): LetterInput {
  return {
    kind: form.kind,
    parentAgency: form.parentAgency,
    issuingAgency: form.issuingAgency,
    number: null,
    symbol: form.symbol,
    place: form.place,
    date: null,
    subject: form.subject,
    recipients: lines(form.recipients),
    blocks: segmentsToBlocks(form.segments, previousBlocks),
    signature: form.signature,
    distribution: lines(form.distribution),
    archiveUnit: form.officeSymbol,
    drafterInitials: form.drafterInitials,
    copies: form.copies,
    urgency: form.urgency,
  };
}

/** Parses the form; the messages are the schema's Vietnamese ones, de-duplicated. */
export function checkForm(form: EditorForm, previousBlocks: Letter['blocks'] = []): { ok: true; letter: Letter } | { ok: false; problems: string[] } {
  const r = letterSchema.safeParse(formToInput(form, previousBlocks));
  if (r.success) return { ok: true, letter: r.data };
  return { ok: false, problems: [...new Set(r.error.issues.map((i) => i.message))] };
}
