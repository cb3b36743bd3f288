import { useEffect, useState } from 'react';
import { DEFAULT_SAFETY_SETTINGS } from '@shared/ipc/channels/backup';
import { api } from '../../api';
import { useAppState } from '../../state/app';

type Listener = (minutes: number) => void;
const listeners = new Set<Listener>();

/** Tells mounted hooks that the administrator changed the setting. */
export function announceInactivityMinutes(minutes: number): void {
  for (const l of listeners) l(minutes);
}

/** The inactivity-lock delay the administrator set (safety settings in main), in milliseconds. */
export function useInactivityLockMs(): number {
  const [minutes, setMinutes] = useState(DEFAULT_SAFETY_SETTINGS.inactivityLockMinutes);
  const loggedIn = useAppState((s) => !!s.session && !s.session.locked);
  useEffect(() => {
    listeners.add(setMinutes);
    return () => void listeners.delete(setMinutes);
  }, []);
  useEffect(() => {
    if (!loggedIn) return;
    let cancelled = false;
    api()
      .call('safety:getSettings', {})
      .then((s) => !cancelled && setMinutes(s.inactivityLockMinutes))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [loggedIn]);
  return minutes * 60 * 1000;
}
