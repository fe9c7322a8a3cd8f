// What differs between the app and the widget (a partner page on another origin): where the
// API is and which headers go with it, how the engine's worker and the capture worklet are
// loaded. The app sets it in main.ts, the widget in its entry; the service worker uses the
// defaults (same origin, no extra headers).
export interface Host {
  /** Prefix of /api/v1/... ('' for the page's own origin). */
  apiBase: string;
  apiHeaders: Record<string, string>;
  engineWorker?: () => Worker;
  workletUrl?: () => string;
}

let current: Host = { apiBase: '', apiHeaders: {} };

export function setHost(h: Host): void {
  current = h;
}

export function host(): Host {
  return current;
}
