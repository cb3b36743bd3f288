import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, resolve, sep } from 'node:path';
import { mimeTypeOf } from '../../../electron/main/security-policy';

/** Serves the built renderer on 127.0.0.1 (IndexedDB needs a real origin), like app:// does in Electron. */
export async function startStaticServer(root: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const base = resolve(root);
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = resolve(base, normalize(`.${url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname)}`));
    if (!path.startsWith(base + sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'Content-Type': mimeTypeOf(path), 'Cache-Control': 'no-store' }).end(body);
    } catch {
      const index = await readFile(join(base, 'index.html'));
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(index);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
