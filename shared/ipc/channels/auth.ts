import { z } from 'zod';
import { channel } from '../channel';
import { roleSchema } from '../../roles';


const username = z
  .string()
  .trim()
  .min(3, 'Tên đăng nhập cần ít nhất 3 ký tự')
  .max(40, 'Tên đăng nhập tối đa 40 ký tự')
  .regex(/^[a-zA-Z0-9._-]+$/, 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang');
export const passwordSchema = z.string().min(8, 'Mật khẩu cần ít nhất 8 ký tự').max(200, 'Mật khẩu quá dài');

export const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  unitId: z.string().nullable(),
  officialId: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

export const sessionSchema = z.object({ account: accountSchema, startedAt: z.string(), locked: z.boolean() });
export type Session = z.infer<typeof sessionSchema>;

const newAccount = z.object({
  username,
  password: passwordSchema,
  displayName: z.string().trim().min(2, 'Nhập họ và tên').max(120),
  role: roleSchema,
  unitId: z.string().max(64).nullable().default(null),
  officialId: z.string().max(64).nullable().default(null),
});

export const authChannels = {
  /**
   * `recovery` is set when the accounts file was hand-edited ('tampered') or removed from a
   * machine that had accounts ('missing'): the app then shows the recovery screen, never the
   * "create the first administrator" wizard.
   */
  'auth:status': channel(
    z.object({}),
    z.object({ hasAccounts: z.boolean(), session: sessionSchema.nullable(), recovery: z.enum(['missing', 'tampered']).nullable() }),
  ),
  'auth:createFirstAdmin': channel(newAccount.omit({ role: true }), sessionSchema),
  'auth:login': channel(z.object({ username: z.string().max(40), password: z.string().max(200) }), sessionSchema),
  'auth:logout': channel(z.object({}), z.object({})),
  'auth:lock': channel(z.object({}), z.object({})),
  'auth:unlock': channel(z.object({ password: z.string().max(200) }), sessionSchema),
  'auth:changePassword': channel(z.object({ oldPassword: z.string().max(200), newPassword: passwordSchema }), z.object({})),
  'auth:listAccounts': channel(z.object({}), z.array(accountSchema)),
  'auth:createAccount': channel(newAccount, accountSchema),
  'auth:updateAccount': channel(
    z.object({
      id: z.string().max(64),
      displayName: z.string().trim().min(2).max(120),
      role: roleSchema,
      unitId: z.string().max(64).nullable(),
      officialId: z.string().max(64).nullable(),
      active: z.boolean(),
    }),
    accountSchema,
  ),
  'auth:resetPassword': channel(z.object({ id: z.string().max(64), newPassword: passwordSchema }), z.object({})),
};
