// The app's own settings, kept in localStorage (the fallback identifier's consent lives
// with the fallback, lib/fallback.ts).
const AUTO_LISTEN = 'earshot:listen-on-open';

export function autoListen(): boolean {
  try {
    return localStorage.getItem(AUTO_LISTEN) === '1';
  } catch {
    return false;
  }
}

export function setAutoListen(on: boolean): void {
  try {
    if (on) localStorage.setItem(AUTO_LISTEN, '1');
    else localStorage.removeItem(AUTO_LISTEN);
  } catch {
    // private mode: the setting lasts for this page only
  }
}

/**
 * Whether the microphone is already allowed: listening unasked must never open a
 * permission prompt. Browsers without the Permissions API (or without "microphone" in
 * it) answer no.
 */
export async function micGranted(): Promise<boolean> {
  try {
    return (await navigator.permissions.query({ name: 'microphone' as PermissionName })).state === 'granted';
  } catch {
    return false;
  }
}
