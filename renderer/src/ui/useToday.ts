/**
 * "Today" for every screen, from ONE place: Vietnam's date from the clock, re-read every minute
 * and whenever the window regains focus or becomes visible, so a screen left open overnight
 * (the dashboard, reports, a consultation whose deadline passes) moves to the new day without a
 * restart. Commands stamp events with the same clock (todayVn).
 * Tests move the date with Playwright's page.clock (setFixedTime) and then fire a "focus" event.
 */
import { useEffect, useState } from 'react';
import { todayVn } from './format';

export function useToday(): string {
  const [today, setToday] = useState(() => todayVn());
  useEffect(() => {
    const tick = () => setToday(todayVn());
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
