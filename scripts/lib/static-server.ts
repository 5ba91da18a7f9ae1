import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { localePaths } from '../../src/i18n/locales';

/** Types a static host sends for what the build writes; browsers act on them (downloads, wasm). */
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.zip': 'application/zip',
  '.wasm': 'application/wasm',
  // Pagefind's index files are opaque binaries its own script fetches and decodes.
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
};

export function contentTypeOf(path: string): string {
  return contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface ServedSite {
  /** Origin with a trailing slash, e.g. `http://127.0.0.1:40123/`. */
  url: string;
  /** Every path requested so far, with the status sent. */
  requests: { path: string; status: number }[];
  close: () => Promise<void>;
}

/** The file a URL path maps to, as a static host with directory indexes resolves it. */
function fileFor(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  if (!existsSync(candidate)) return undefined;
  if (statSync(candidate).isDirectory()) {
    const index = join(candidate, 'index.html');
    return existsSync(index) ? index : undefined;
  }
  return candidate;
}

/**
 * The not-found page a host configured for this site sends: the locale's own 404 page for paths
 * under a locale prefix, the multilingual `/404.html` elsewhere.
 */
function notFoundFile(root: string, urlPath: string): string | undefined {
  const prefix = urlPath.split('/')[1] ?? '';
  const localized = join(root, prefix, '404/index.html');
  if ((localePaths as string[]).includes(prefix) && existsSync(localized)) return localized;
  const shared = join(root, '404.html');
  return existsSync(shared) ? shared : undefined;
}

/** Serves a built site over HTTP on 127.0.0.1, on a free port, the way a static host would. */
export async function serveSite(siteDir: string): Promise<ServedSite> {
  const root = resolve(siteDir);
  const requests: ServedSite['requests'] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const send = (status: number, file: string | undefined, headers: Record<string, string> = {}) => {
      requests.push({ path, status });
      response.writeHead(status, { ...headers, ...(file ? { 'content-type': contentTypeOf(file), 'content-length': String(statSync(file).size) } : {}) });
      if (!file || request.method === 'HEAD') response.end();
      else createReadStream(file).pipe(response);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, undefined, { allow: 'GET, HEAD' });
    const file = fileFor(root, path);
    // Directory URLs without their slash are redirected, as hosts do, so relative links resolve.
    if (file && !path.endsWith('/') && file.endsWith(`${sep}index.html`) && !path.endsWith('index.html')) {
      return send(301, undefined, { location: `${path}/` });
    }
    if (file) return send(200, file);
    send(404, notFoundFile(root, path));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}
