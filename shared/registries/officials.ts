import { z } from 'zod';
import { isoDateSchema } from '../calendar';


export const officialInputSchema = z.object({
  fullName: z.string().trim().min(2, 'Nhập họ và tên').max(120, 'Họ và tên quá dài'),
  active: z.boolean(),
  phone: z.string().trim().max(30).default(''),
  email: z.string().trim().max(120).default(''),
});
export type OfficialInput = z.infer<typeof officialInputSchema>;
export interface Official extends OfficialInput {
  id: string;
}

/** A post: one person may hold several at once (kiêm nhiệm), each with its unit, title and period. */
export const postInputSchema = z
  .object({
    officialId: z.string().min(1).max(64),
    unitId: z.string().min(1, 'Chọn đơn vị').max(64),
    title: z.string().trim().min(2, 'Nhập chức vụ').max(120),
    isHead: z.boolean(),
    from: isoDateSchema,
    to: isoDateSchema.nullable(),
  })
  .refine((p) => p.to === null || p.to >= p.from, { message: 'Ngày kết thúc phải sau ngày bắt đầu', path: ['to'] });
export type PostInput = z.infer<typeof postInputSchema>;
export interface Post extends PostInput {
  id: string;
}

export function isPostCurrent(post: Pick<Post, 'from' | 'to'>, date: string): boolean {
  return post.from <= date && (post.to === null || post.to >= date);
}

/** "Phó Chủ tịch UBND xã; Chánh Văn phòng" — the current posts of one official, for lists. */
export function describePosts(posts: readonly Post[], unitName: (id: string) => string, date: string): string {
  return posts
    .filter((p) => isPostCurrent(p, date))
    .map((p) => `${p.title} – ${unitName(p.unitId)}`)
    .join('; ');
}

/**
 * The title a leader signs with under "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH": the post without
 * the body it belongs to, which the letter already names — "Chủ tịch UBND" → "Chủ tịch",
 * "Phó Chủ tịch Ủy ban nhân dân xã Hòa An" → "Phó Chủ tịch". Other posts are kept as typed.
 */
export function defaultSigningTitle(postTitle: string): string {
  const t = postTitle.trim().replace(/\s+/g, ' ');
  const m = /^(Phó Chủ tịch|Chủ tịch)(?:\s+(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\b.*)?$/iu.exec(t);
  if (!m) return t;
  return m[1].toLowerCase().startsWith('phó') ? 'Phó Chủ tịch' : 'Chủ tịch';
}

/**
 * How a letter names a deciding leader: "Nguyễn Văn A, Chủ tịch UBND xã" — the official and a
 * post held on the decision's day (a head's post first); the name alone without one; null for an
 * official not in the registry.
 */
export function leaderLabeller(officials: readonly Pick<Official, 'id' | 'fullName'>[], posts: readonly Post[]): (officialId: string, on: string) => string | null {
  const names = new Map(officials.map((o) => [o.id, o.fullName]));
  return (officialId, on) => {
    const name = names.get(officialId);
    if (!name) return null;
    const post = posts.filter((p) => p.officialId === officialId && isPostCurrent(p, on)).sort((a, b) => Number(b.isHead) - Number(a.isHead))[0];
    return post ? `${name}, ${post.title}` : name;
  };
}
