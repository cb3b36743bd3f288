/**
 * "Today" for the consultation screens, from ONE place: the clock, re-read every minute and
 * whenever the window regains focus or becomes visible, so a deadline passing while the app
 * stays open turns units into "được xác định là đồng ý" without a restart.
 * Tests move the date with Playwright's page.clock (setFixedTime) and then fire a "focus" event.
 */
import { useEffect, useState } from 'react';
import { todayInVietnam } from '@shared/calendar';

export function currentToday(): string {
  return todayInVietnam(new Date());
}

export function useToday(): string {
  const [today, setToday] = useState(currentToday);
  useEffect(() => {
    const tick = () => setToday(currentToday());
    const timer = window.setInterval(tick, 60_000);
    window.addEventListener('focus', tick);
    document.addEventListener('visibilitychange', tick);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', tick);
      document.removeEventListener('visibilitychange', tick);
    };
  }, []);
  return today;
}
