/** Sync steps shared by the sync specs. */
import { join } from 'node:path';
import { expect, type Site } from '../fixtures';

/** "Xuất gói" for `peer` on the export screen, saved as `fileName` in `dir`; waits for package number `seq` to be saved and returns its path. */
export async function exportPackage(site: Site, dir: string, fileName: string, peer: string, seq: number): Promise<string> {
  const path = join(dir, fileName);
  await site.open('sync-export');
  site.dialogs.savePaths.push(path);
  await site.page.getByRole('button', { name: `Xuất gói cho ${peer}` }).click();
  await expect(site.page.getByText(`Đã lưu gói số ${seq} cho ${peer}`)).toBeVisible();
  return path;
}
