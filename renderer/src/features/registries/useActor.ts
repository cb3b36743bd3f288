import type { Actor } from '@shared/authority';
import { useAppState } from '../../state/app';
import { isAdministrator } from '@shared/roles';

export function currentActor(): Actor {
  const s = useAppState.getState().session;
  return { role: s?.account.role ?? 'unitStaff', unitId: s?.account.unitId ?? null };
}

export function useIsAdmin(): boolean {
  return useAppState((s) => isAdministrator(s.session?.account.role));
}
