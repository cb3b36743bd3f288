/** An account's role on the office PC: what screens it is offered and what main lets it do. */
import { z } from 'zod';

export const roleSchema = z.enum(['admin', 'leader', 'unitStaff']);
export type Role = z.infer<typeof roleSchema>;
export const roleLabels: Record<Role, string> = {
  admin: 'Quản trị viên / Văn thư',
  leader: 'Lãnh đạo',
  unitStaff: 'Cán bộ đơn vị',
};

/**
 * Administrators (the clerk's office) and leaders assign tasks, register directives, decide on
 * conflicts and rankings; unit staff report on their own unit's work. Screens ask this, never
 * compare roles themselves; the commands check the finer rules in shared/tasks/authority.ts.
 */
export function assignsWork(role: Role | undefined | null): boolean {
  return role === 'admin' || role === 'leader';
}

/** Administrators keep the office's settings, accounts, backups, letter numbering and sync keys. */
export function isAdministrator(role: Role | undefined | null): boolean {
  return role === 'admin';
}
