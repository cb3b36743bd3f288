/**
 * The one shape of every authority decision in shared/: who may do what answers "allowed", or
 * "not allowed" with the Vietnamese reason a screen shows and a command throws.
 */
export type Decision = { allowed: true } | { allowed: false; reason: string };

export const ALLOWED: Decision = { allowed: true };

export function refuse(reason: string): Decision {
  return { allowed: false, reason };
}
