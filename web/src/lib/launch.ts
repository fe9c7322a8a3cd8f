// What the app was opened for: the "Identify now" shortcut (/?listen=1), a file shared to
// it (/?shared=<id>, kept by the service worker), a file opened with it (the manifest's
// file_handlers, through window.launchQueue), or nothing in particular: then it listens
// only if the user asked for that in Settings and the microphone is already allowed.
import { autoListen, micGranted } from './settings';
import { takeSharedFile } from './shared-file';
import { routeOf } from './router';

export interface LaunchActions {
  listen(): void;
  file(file: File): void;
  /** A share arrived without its file (or the file is gone). */
  missingFile(): void;
}

interface LaunchParams {
  files?: readonly FileSystemFileHandle[];
}
interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

export async function launch(act: LaunchActions): Promise<void> {
  const params = new URLSearchParams(location.search);
  const shared = params.get('shared');
  const listenNow = params.get('listen') === '1';
  // one-time requests: a reload or a bookmark of this address must not repeat them
  if (shared !== null || listenNow) history.replaceState(null, '', location.pathname + location.hash);

  const queue = (window as Window & { launchQueue?: LaunchQueue }).launchQueue;
  let opened = false;
  queue?.setConsumer((p) => {
    const handle = p.files?.[0];
    if (!handle) return;
    opened = true;
    void handle.getFile().then(act.file, act.missingFile);
  });

  if (shared !== null) {
    const file = await takeSharedFile(shared).catch(() => null);
    if (file) act.file(file);
    else act.missingFile();
  } else if (listenNow) {
    act.listen();
  } else if (routeOf(location.pathname).view === 'identify' && autoListen() && (await micGranted()) && !opened) {
    act.listen();
  }
}
