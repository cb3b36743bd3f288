import type { Actor } from '@shared/authority';
import { useAppState } from '../../state/app';

export function currentActor(): Actor {
  const s = useAppState.getState().session;
  return { role: s?.account.role ?? 'unitStaff', unitId: s?.account.unitId ?? null };
}

export function useIsAdmin(): boolean {
  return useAppState((s) => s.session?.account.role === 'admin');
}
