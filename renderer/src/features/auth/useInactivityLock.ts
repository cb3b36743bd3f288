import { useEffect } from 'react';
import { useIdle } from '@mantine/hooks';
import { api } from '../../api';
import { useAppState } from '../../state/app';

/** Locks the session after this long without mouse or keyboard activity. */
export const INACTIVITY_LOCK_MS = 15 * 60 * 1000;

export function useInactivityLock(): void {
  const idle = useIdle(INACTIVITY_LOCK_MS, { initialState: false });
  const session = useAppState((s) => s.session);
  useEffect(() => {
    if (!idle || !session || session.locked) return;
    void api()
      .call('auth:lock', {})
      .then(() => useAppState.getState().setSession({ ...session, locked: true }));
  }, [idle, session]);
}
