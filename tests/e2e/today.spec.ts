/**
 * One "today" for every screen (renderer/src/ui/useToday.ts): a dashboard left open over
 * midnight moves to the new day when the window is next focused, without a reload. Before, the
 * task screens read the date once per render and kept yesterday's date overnight.
 */
import { test, expect } from './fixtures';
import { firstRun } from './helpers/firstRun';
import { loadSmallDemo } from './helpers/session';

test('the dashboard rolls over at midnight without a reload', async ({ site }) => {
  test.setTimeout(240_000);
  const { page } = site;
  await page.clock.setFixedTime(new Date('2026-03-02T23:58:00+07:00'));
  await firstRun(site, { authorityName: 'Ủy ban nhân dân tỉnh Cao Bằng', parentName: '' });
  // The dashboard shows its date once there are tasks: the small demo (a province, hence the name above).
  await loadSmallDemo(page);
  await expect(page.getByText('Tính đến ngày 02/03/2026')).toBeVisible();

  await page.clock.setFixedTime(new Date('2026-03-03T00:01:00+07:00'));
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(page.getByText('Tính đến ngày 03/03/2026')).toBeVisible();
});
