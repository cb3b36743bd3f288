/** An account's role on the office PC: what screens it is offered and what main lets it do. */
import { z } from 'zod';

export const roleSchema = z.enum(['admin', 'leader', 'unitStaff']);
export type Role = z.infer<typeof roleSchema>;
export const roleLabels: Record<Role, string> = {
  admin: 'Quản trị viên / Văn thư',
  leader: 'Lãnh đạo',
  unitStaff: 'Cán bộ đơn vị',
};
