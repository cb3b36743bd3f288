import { useMemo, useState } from 'react';
import { Alert, Select, Stack, Text, TextInput } from '@mantine/core';
import { letterSignatureSchema, signatureLines } from '@shared/letters/model';
import { defaultSigningTitle, isPostCurrent } from '@shared/registries/officials';
import { useOfficials, usePosts } from '../registries/queries';
import { issuerFor, withSigningTitle, type IssuerContext, type SignerChoice } from './data/letters';
import { useIssuerContext } from './data/queries';

export interface SignerOption {
  value: string;
  label: string;
  choice: SignerChoice;
  /** The signing title printed by default under the authority line ("Phó Chủ tịch"). */
  title: string;
}

/**
 * Who may sign: the signers declared in Cài đặt → Thể thức văn bản; when none are declared, the
 * officials holding a current post in the issuing unit (the head first).
 */
export function useSignerOptions(today: string): SignerOption[] | undefined {
  const ctx = useIssuerContext();
  const officials = useOfficials();
  const posts = usePosts();
  return useMemo(() => {
    if (ctx === undefined || !officials || !posts) return undefined;
    if (!ctx) return [];
    if (ctx.letterhead.signers.length > 0) {
      const def = ctx.letterhead.defaultSignerId;
      return [...ctx.letterhead.signers]
        .sort((a, b) => Number(b.id === def) - Number(a.id === def))
        .map((s) => ({ value: `lh:${s.id}`, label: `${s.name} — ${s.title}`, choice: { kind: 'letterhead', signerId: s.id }, title: s.title }));
    }
    const byId = new Map(officials.map((o) => [o.id, o]));
    return posts
      .filter((p) => p.unitId === ctx.letterhead.issuerUnitId && isPostCurrent(p, today) && byId.get(p.officialId)?.active !== false)
      .sort((a, b) => Number(b.isHead) - Number(a.isHead))
      .map((p) => {
        const name = byId.get(p.officialId)?.fullName ?? '';
        // The letter names the body already ("TM. ỦY BAN NHÂN DÂN"): the signature line prints "CHỦ TỊCH", not the post as typed.
        const title = defaultSigningTitle(p.title);
        // The signing title shows in its own field beside the signer (SignerSelect with a pick).
        return { value: `post:${p.id}`, label: `${name} — ${p.title}`, choice: { kind: 'official' as const, name, title, isHead: p.isHead }, title };
      })
      .filter((o) => o.choice.name);
  }, [ctx, officials, posts, today]);
}

/**
 * The signer picked in an issuing dialog and the signing title the clerk may edit (reset to the
 * signer's default when another signer is picked); `choice` is what the letter is signed with.
 */
export function useSignerPick(options: SignerOption[] | undefined) {
  const [value, setValue] = useState<string | null>(null);
  const [title, setTitle] = useState<string | null>(null);
  const chosen = options?.find((o) => o.value === value) ?? options?.[0] ?? null;
  const choice = useMemo(() => (chosen ? withSigningTitle(chosen.choice, title) : null), [chosen, title]);
  return {
    options,
    value: chosen?.value ?? null,
    setValue: (v: string | null) => {
      setValue(v);
      setTitle(null);
    },
    title: title ?? chosen?.title ?? '',
    setTitle,
    choice,
  };
}
export type SignerPick = ReturnType<typeof useSignerPick>;

/** The lines of ô 7a as the letter will print them, e.g. ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]; [] when the issuer cannot be formed. */
export function signaturePreview(ctx: IssuerContext, choice: SignerChoice): string[] {
  try {
    return signatureLines(letterSignatureSchema.parse(issuerFor(ctx, undefined, choice).issuer.signature));
  } catch {
    return [];
  }
}

/**
 * The signer of a letter issued from a dialog. With `pick`, the signing title (quyền hạn, chức
 * vụ người ký) is a field of its own, prefilled with the right default and printed as shown.
 */
export function SignerSelect({ options, value, onChange, pick }: { options: SignerOption[]; value?: string | null; onChange?(v: string | null): void; pick?: SignerPick }) {
  const ctx = useIssuerContext();
  const current = pick ? pick.value : (value ?? null);
  const setCurrent = pick ? pick.setValue : (onChange ?? (() => undefined));
  const preview = useMemo(() => (pick?.choice && ctx ? signaturePreview(ctx, pick.choice) : []), [pick?.choice, ctx]);
  if (options.length === 0) {
    return (
      <Alert color="yellow" title="Chưa có người ký">
        Khai báo người ký trong Cài đặt → Thể thức văn bản, hoặc thêm chức vụ lãnh đạo của cơ quan ban hành trong Danh mục → Cán bộ, công chức.
      </Alert>
    );
  }
  const select = <Select label="Người ký" data={options.map((o) => ({ value: o.value, label: o.label }))} value={current ?? options[0].value} onChange={setCurrent} allowDeselect={false} />;
  if (!pick) return select;
  return (
    <Stack gap={6}>
      {select}
      <TextInput
        label="Chức vụ ký"
        value={pick.title}
        onChange={(e) => pick.setTitle(e.currentTarget.value)}
        placeholder={pick.options?.find((o) => o.value === pick.value)?.title}
      />
      {preview.length > 0 && (
        <Text size="xs" c="dimmed" aria-label="Quyền hạn, chức vụ người ký in trên văn bản">
          In trên văn bản: <b>{preview.join(' / ')}</b> (ô Chức vụ ký để trống thì dùng chức vụ mặc định)
        </Text>
      )}
    </Stack>
  );
}
