import { join } from 'node:path';
import { z } from 'zod';
import { newId } from '@shared/data/ids';
import type { MainDeps } from './deps';
import { readJson, writeJson } from './fs/jsonStore';

const siteSchema = z.object({ siteId: z.string().min(8), createdAt: z.string() });

/** This installation's identity: made once, kept by main outside the profile. */
export async function loadOrCreateSiteId(deps: MainDeps): Promise<string> {
  const file = join(deps.dataDir, 'site.json');
  const existing = await readJson(file, siteSchema.nullable(), null);
  if (existing) return existing.siteId;
  const site = { siteId: newId(), createdAt: deps.now().toISOString() };
  await writeJson(file, site);
  return site.siteId;
}
