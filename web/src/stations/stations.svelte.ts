// The stations the page shows, kept current: the list is fetched at start and every
// LIST_REFRESH_MS (stations an admin adds or deletes), and each station's live feed updates
// it in between. A station whose feed is open keeps what its feed said: the feed is newer
// than any list fetched meanwhile.
import type { LiveMessage, Play, PlaysDaily, StationStatus } from '../../../common/api-types';
import { failureWords, listStations, playsDaily } from './api';
import { openLive } from './live';

const LIST_REFRESH_MS = 30_000;

/** What a play log needs from the live feed of its station. */
export interface PlayWatcher {
  play(play: Play): void;
  /** The feed came back after a loss: plays may have been missed. */
  resync(): void;
}

export class Stations {
  list = $state<StationStatus[]>([]);
  /** The first fetch answered (the list may be empty). */
  loaded = $state(false);
  /** Why the last fetch of the list failed, in words; '' once one works. */
  problem = $state('');
  daily = $state<PlaysDaily | null>(null);
  dailyProblem = $state('');
  /** Each station's live feed: open (true) or lost (false); absent while it first connects. */
  feeds = $state<Record<string, boolean>>({});

  #closers = new Map<string, () => void>();
  #watchers = new Map<string, PlayWatcher>();

  /** Starts fetching and listening; returns the function that stops it all. */
  start(): () => void {
    void this.refresh();
    const timer = setInterval(() => void this.refresh(), LIST_REFRESH_MS);
    return () => {
      clearInterval(timer);
      for (const close of this.#closers.values()) close();
      this.#closers.clear();
    };
  }

  async refresh(): Promise<void> {
    await Promise.all([this.#loadList(), this.#loadDaily()]);
  }

  /** The station's play log hears its plays; returns the function that stops it. */
  watchPlays(stationId: string, watcher: PlayWatcher): () => void {
    this.#watchers.set(stationId, watcher);
    return () => {
      if (this.#watchers.get(stationId) === watcher) this.#watchers.delete(stationId);
    };
  }

  async #loadList(): Promise<void> {
    try {
      const fetched = await listStations();
      this.list = fetched.map((s) => (this.feeds[s.id] ? (this.list.find((o) => o.id === s.id) ?? s) : s));
      this.problem = '';
      this.#syncFeeds();
    } catch (err) {
      this.problem = failureWords(err);
    } finally {
      this.loaded = true;
    }
  }

  async #loadDaily(): Promise<void> {
    try {
      this.daily = await playsDaily();
      this.dailyProblem = '';
    } catch (err) {
      this.dailyProblem = failureWords(err);
    }
  }

  #syncFeeds(): void {
    const ids = new Set(this.list.map((s) => s.id));
    for (const [id, close] of this.#closers) {
      if (ids.has(id)) continue;
      close();
      this.#closers.delete(id);
      delete this.feeds[id];
    }
    for (const id of ids) {
      if (this.#closers.has(id)) continue;
      this.#closers.set(
        id,
        openLive(id, {
          message: (msg, resumed) => this.#apply(msg, resumed),
          connected: (up) => (this.feeds[id] = up),
        }),
      );
    }
  }

  #apply(msg: LiveMessage, resumed: boolean): void {
    if (msg.type === 'hello') {
      const i = this.list.findIndex((s) => s.id === msg.station.id);
      if (i >= 0) this.list[i] = msg.station;
      if (resumed) this.#watchers.get(msg.station.id)?.resync();
      return;
    }
    const id = msg.type === 'play' ? msg.play.station_id : msg.station_id;
    const station = this.list.find((s) => s.id === id);
    if (msg.type === 'play') {
      this.#watchers.get(id)?.play(msg.play);
      // a play that just opened counts today: the chart need not wait for the next refresh
      if (msg.play.open && station?.now_playing?.id !== msg.play.id) void this.#loadDaily();
    }
    if (!station) return;
    if (msg.type === 'health') station.health = msg.health;
    else if (msg.type === 'now_playing') station.now_playing = msg.play;
    // the play on air changed: the card shows its newest end and confidence, or that it ended
    else if (station.now_playing?.id === msg.play.id) station.now_playing = msg.play.open ? msg.play : null;
  }
}
