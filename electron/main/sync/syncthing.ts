/**
 * Optional: reads the local Syncthing's REST API (loopback only, X-API-Key header) to show
 * how far the exchange folders are synchronised. Folders are matched by path in
 * GET /rest/config/folders; per folder GET /rest/db/completion, /rest/db/status and
 * /rest/folder/errors. Read-only: the app never changes Syncthing's configuration.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import type { SyncthingFolderState } from '../../../shared/sync/exchange';

const TIMEOUT_MS = 4000;

const folderConfigSchema = z.array(z.object({ id: z.string(), path: z.string() }).loose());
const completionSchema = z.object({ completion: z.number(), needItems: z.number().optional() }).loose();
const statusSchema = z.object({ state: z.string().optional(), error: z.string().optional() }).loose();
const errorsSchema = z
  .object({
    errors: z
      .array(z.object({ path: z.string(), error: z.string() }).loose())
      .nullable()
      .optional(),
  })
  .loose();

export interface SyncthingApi {
  address: string;
  apiKey: string;
}

async function get<T>(api: SyncthingApi, path: string, schema: z.ZodType<T>, fetchImpl: typeof fetch): Promise<T> {
  const url = new URL(path, api.address);
  const res = await fetchImpl(url, {
    headers: { 'X-API-Key': api.apiKey },
    signal: AbortSignal.timeout(TIMEOUT_MS),
    redirect: 'error',
  });
  if (res.status === 401 || res.status === 403) throw new Error('Syncthing từ chối khóa API (sai khóa).');
  if (!res.ok) throw new Error(`Syncthing trả lỗi HTTP ${res.status} cho ${url.pathname}.`);
  return schema.parse(await res.json());
}

function samePath(a: string, b: string): boolean {
  const norm = (p: string) => resolve(p).replace(/[\\/]+$/, '');
  return process.platform === 'win32' ? norm(a).toLowerCase() === norm(b).toLowerCase() : norm(a) === norm(b);
}

/** The state of each of `folders` that Syncthing shares; throws (with a Vietnamese message) when the API is unreachable. */
export async function syncthingFolderStates(
  api: SyncthingApi,
  folders: { path: string; role: 'inbox' | 'outbox' }[],
  fetchImpl: typeof fetch = fetch,
): Promise<SyncthingFolderState[]> {
  let config: z.infer<typeof folderConfigSchema>;
  try {
    config = await get(api, '/rest/config/folders', folderConfigSchema, fetchImpl);
  } catch (error) {
    throw new Error(error instanceof Error && error.message.startsWith('Syncthing') ? error.message : `Không kết nối được Syncthing tại ${api.address}.`, { cause: error });
  }
  const out: SyncthingFolderState[] = [];
  for (const f of folders) {
    const match = config.find((c) => samePath(c.path, f.path));
    if (!match) continue;
    const q = `?folder=${encodeURIComponent(match.id)}`;
    const [completion, status, errors] = await Promise.all([
      get(api, `/rest/db/completion${q}`, completionSchema, fetchImpl).catch(() => null),
      get(api, `/rest/db/status${q}`, statusSchema, fetchImpl).catch(() => null),
      get(api, `/rest/folder/errors${q}`, errorsSchema, fetchImpl).catch(() => null),
    ]);
    const firstError = errors?.errors?.[0];
    out.push({
      folderId: match.id,
      role: f.role,
      completion: completion?.completion ?? null,
      needItems: completion?.needItems ?? null,
      state: status?.state ?? null,
      lastError: firstError ? `${firstError.path}: ${firstError.error}` : status?.error ? status.error : null,
    });
  }
  return out;
}
