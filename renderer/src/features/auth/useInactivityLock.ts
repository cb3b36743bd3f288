import { useEffect } from 'react';
import { useIdle } from '@mantine/hooks';
import { api } from '../../api';
import { useAppState } from '../../state/app';
import { useInactivityLockMs } from '../safety/useInactivityLockMs';

/** Locks the session after the administrator's setting (Kiểm tra toàn vẹn) without mouse or keyboard activity. */
export function useInactivityLock(): void {
  const idle = useIdle(useInactivityLockMs(), { initialState: false });
  const session = useAppState((s) => s.session);
  useEffect(() => {
    if (!idle || !session || session.locked) return;
    void api()
      .call('auth:lock', {})
      .then(() => useAppState.getState().setSession({ ...session, locked: true }));
  }, [idle, session]);
}
