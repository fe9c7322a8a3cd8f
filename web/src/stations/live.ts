// One station's live feed (WebSocket /api/v1/stations/:id/live), kept open for as long as the
// page wants it. The socket closes whenever the station's Durable Object restarts or the
// network blinks: it comes back with exponential backoff (jittered, so the tabs watching a
// restarted station do not all knock at once), and its messages then say `resumed`, since
// plays may have been missed in between and the caller fetches them.
import type { LiveMessage } from '../../../common/api-types';

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

export interface LiveHandlers {
  message(msg: LiveMessage, resumed: boolean): void;
  /** The feed opened (true) or was lost (false). */
  connected(up: boolean): void;
}

/** Returns the function that closes the feed for good. */
export function openLive(stationId: string, on: LiveHandlers): () => void {
  const url = new URL(`/api/v1/stations/${encodeURIComponent(stationId)}/live`, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  let socket: WebSocket;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let resumed = false;
  let stopped = false;

  const connect = () => {
    socket = new WebSocket(url);
    socket.onopen = () => on.connected(true);
    socket.onmessage = (event) => {
      // only a feed that delivers resets the backoff: an upgrade that closes at once must not spin
      failures = 0;
      on.message(JSON.parse(String(event.data)) as LiveMessage, resumed);
    };
    socket.onclose = () => {
      if (stopped) return;
      on.connected(false);
      resumed = true;
      const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failures++);
      retry = setTimeout(connect, ceiling / 2 + Math.random() * (ceiling / 2));
    };
  };
  connect();
  return () => {
    stopped = true;
    clearTimeout(retry);
    socket.close();
  };
}
