// The result tokens' HMAC key (migrations/catalog/0014), read once per isolate: a request
// that starts the read goes on matching while it runs.

let cached: Promise<CryptoKey> | null = null;

async function read(db: D1Database): Promise<CryptoKey> {
  const row = await db.prepare("SELECT key FROM server_keys WHERE name = 'results'").raw<[ArrayBuffer | number[]]>();
  if (!row[0]) throw new Error('no result key: migrations/catalog/0014 has not run');
  const bytes = row[0][0] instanceof ArrayBuffer ? new Uint8Array(row[0][0]) : Uint8Array.from(row[0][0]);
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

export function resultKey(db: D1Database): Promise<CryptoKey> {
  if (!cached) {
    const reading = read(db);
    cached = reading;
    // a failed read is not kept: the next request reads again
    reading.catch(() => {
      if (cached === reading) cached = null;
    });
  }
  return cached;
}
