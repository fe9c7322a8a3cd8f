// An audio file shared to the installed app (the manifest's share_target): the service
// worker receives the POST, keeps the file in Cache Storage under a one-time id and sends
// the page to /?shared=<id>, where the app takes it (once) and identifies it. Cache
// Storage because both sides have it and a Response keeps the bytes and the type as they came.

/** The manifest's share_target action (public/manifest.webmanifest). */
export const SHARE_TARGET_PATH = '/share-target';
/** The multipart field the manifest names for the file. */
export const SHARE_FIELD = 'audio';
const CACHE = 'earshot-shared';
const NAME_HEADER = 'x-earshot-file-name';
const keyOf = (id: string) => `/shared-file/${encodeURIComponent(id)}`;

/** The page that identifies a kept file. */
export function sharedUrl(id: string): string {
  return `/?shared=${encodeURIComponent(id)}`;
}

/** Keeps the file, returns its id. */
export async function keepSharedFile(file: File): Promise<string> {
  const id = crypto.randomUUID();
  const headers = { 'content-type': file.type || 'application/octet-stream', [NAME_HEADER]: encodeURIComponent(file.name) };
  await (await caches.open(CACHE)).put(keyOf(id), new Response(file, { headers }));
  return id;
}

/** The kept file, removed from the cache as it is taken; null when it is not there. */
export async function takeSharedFile(id: string): Promise<File | null> {
  const cache = await caches.open(CACHE);
  const res = await cache.match(keyOf(id));
  if (!res) return null;
  const blob = await res.blob();
  await cache.delete(keyOf(id));
  return new File([blob], decodeURIComponent(res.headers.get(NAME_HEADER) ?? 'shared'), { type: blob.type });
}
