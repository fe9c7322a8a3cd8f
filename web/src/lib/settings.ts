// The app's settings: on/off flags kept in localStorage (private mode: for this page only).

/** A flag stored under `key`. */
export function flag(key: string): { on(): boolean; set(on: boolean): void } {
  return {
    on() {
      try {
        return localStorage.getItem(key) === '1';
      } catch {
        return false;
      }
    },
    set(on) {
      try {
        if (on) localStorage.setItem(key, '1');
        else localStorage.removeItem(key);
      } catch {
        // private mode: the setting lasts for this page only
      }
    },
  };
}

const listenOnOpen = flag('earshot:listen-on-open');
export const autoListen = (): boolean => listenOnOpen.on();
export const setAutoListen = (on: boolean): void => listenOnOpen.set(on);

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
