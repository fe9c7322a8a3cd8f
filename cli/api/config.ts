// Where the API is and which admin token to send: flags first, then the environment
// (EARSHOT_API, EARSHOT_TOKEN), then the local server `npm start` runs and the token it
// keeps in .dev.vars (looked up in the working folder, then the repository; sent only to
// a local API).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../usage';

export const DEFAULT_API = 'http://127.0.0.1:8787';

function devVarsToken(): string | undefined {
  const places = [join(process.cwd(), '.dev.vars'), fileURLToPath(new URL('../../.dev.vars', import.meta.url))];
  for (const file of places) {
    if (!existsSync(file)) continue;
    const found = /^ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?/m.exec(readFileSync(file, 'utf8'));
    if (found) return found[1].trim();
  }
  return undefined;
}

export function apiUrl(flag: string | undefined): string {
  const url = (flag ?? process.env.EARSHOT_API ?? DEFAULT_API).replace(/\/+$/, '');
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`--api must be an http(s) URL (got '${url}')`);
  return url;
}

/** The local dev token goes only to a local API: it is no business of a remote one. */
export function adminToken(flag: string | undefined, api: string): string | undefined {
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(api).hostname);
  return flag ?? process.env.EARSHOT_TOKEN ?? (local ? devVarsToken() : undefined);
}
