import { useMemo } from 'react';
import { Alert, Select } from '@mantine/core';
import { defaultSigningTitle, isPostCurrent } from '@shared/registries/officials';
import { useOfficials, usePosts } from '../registries/queries';
import type { SignerChoice } from './data/letters';
import { useIssuerContext } from './data/queries';

export interface SignerOption {
  value: string;
  label: string;
  choice: SignerChoice;
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
        .map((s) => ({ value: `lh:${s.id}`, label: `${s.name} — ${s.title}`, choice: { kind: 'letterhead', signerId: s.id } }));
    }
    const byId = new Map(officials.map((o) => [o.id, o]));
    return posts
      .filter((p) => p.unitId === ctx.letterhead.issuerUnitId && isPostCurrent(p, today) && byId.get(p.officialId)?.active !== false)
      .sort((a, b) => Number(b.isHead) - Number(a.isHead))
      .map((p) => {
        const name = byId.get(p.officialId)?.fullName ?? '';
        // The letter names the body already ("TM. ỦY BAN NHÂN DÂN"): the signature line prints "CHỦ TỊCH", not the post as typed.
        const title = defaultSigningTitle(p.title);
        return { value: `post:${p.id}`, label: `${name} — ${p.title}${title !== p.title ? ` (ký: ${title.toUpperCase()})` : ''}`, choice: { kind: 'official' as const, name, title, isHead: p.isHead } };
      })
      .filter((o) => o.choice.name);
  }, [ctx, officials, posts, today]);
}

export function SignerSelect({ options, value, onChange }: { options: SignerOption[]; value: string | null; onChange(v: string | null): void }) {
  if (options.length === 0) {
    return (
      <Alert color="yellow" title="Chưa có người ký">
        Khai báo người ký trong Cài đặt → Thể thức văn bản, hoặc thêm chức vụ lãnh đạo của cơ quan ban hành trong Danh mục → Cán bộ, công chức.
      </Alert>
    );
  }
  return <Select label="Người ký" data={options.map((o) => ({ value: o.value, label: o.label }))} value={value ?? options[0].value} onChange={onChange} allowDeselect={false} />;
}
