// What the scripts read from wrangler.toml, read in one place: npm start, the e2e tests and
// npm run deploy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The D1 bindings: the catalog and every index shard. */
export function d1Bindings(root) {
  const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8');
  return [...toml.matchAll(/^binding\s*=\s*"(CATALOG|INDEX_\d+)"/gm)].map((m) => m[1]);
}

/**
 * The repository ships made-up ids (local state needs none); a real account's databases and
 * namespace have their own. Lists the D1 databases and KV namespaces still on a made-up id.
 */
export function placeholderIds(root) {
  const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8');
  const found = [];
  for (const block of toml.split(/^\[\[/m).slice(1)) {
    const kind = block.slice(0, block.indexOf(']]'));
    const id = /^(?:database_id|id)\s*=\s*"([^"]+)"/m.exec(block)?.[1];
    const name = /^(?:binding)\s*=\s*"([^"]+)"/m.exec(block)?.[1];
    if ((kind === 'd1_databases' || kind === 'kv_namespaces') && id && /^0{8}-?0{4}-?4000-?8000-?0{10}\d{2}$/.test(id)) found.push(name);
  }
  return found;
}
