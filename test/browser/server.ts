// Global setup of the browser tests: the real stack (stack.ts) and the microphone clips.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { DEMO_TRACKS, UNKNOWN_SEED } from '../../scripts/demo/songs';
import { writeClip } from './clips';
import { freePort, root, startStack } from './stack';
import { startStandin, STANDIN_KEY, STANDIN_SECRET } from '../acrcloud/standin';

/** The catalog track the microphone clip is cut from. */
export const CLIP_TRACK = DEMO_TRACKS[1];
/** Another catalog track, for a second recording. */
export const SECOND_TRACK = DEMO_TRACKS[2];
/** A song ingested by a test after it was heard (no other test knows it). */
export const LATE_SEED = 4242;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    catalogClip: string;
    secondClip: string;
    lateClip: string;
    adminToken: string;
    acrcloudUrl: string;
    unknownClip: string;
    /** An unknown song no other test sends: ACRCloud's answers are cached by the sample's SHA-256. */
    fallbackClip: string;
    quietClip: string;
    artifacts: string;
    /** The origin TuneScout's pages are allowed from (allowed_origin), and the fingerprinting token. */
    tunescoutOrigin: string;
    tunescoutToken: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const acr = await startStandin();
  const tunescout = { token: 'browser-tunescout-token-0123456789', allowedOrigin: `http://127.0.0.1:${await freePort()}` };
  const stack = await startStack({ acrcloud: { host: acr.url, key: STANDIN_KEY, secret: STANDIN_SECRET }, tunescout });
  project.provide('tunescoutOrigin', tunescout.allowedOrigin);
  project.provide('tunescoutToken', tunescout.token);
  project.provide('acrcloudUrl', acr.url);
  const artifacts = join(root, 'test-artifacts');
  mkdirSync(artifacts, { recursive: true });
  project.provide('baseUrl', stack.baseUrl);
  project.provide('artifacts', artifacts);
  // the catalog clip starts mid-song, as a listener would tap in
  project.provide('catalogClip', writeClip(join(stack.work, 'catalog.wav'), { seed: CLIP_TRACK.seed, fromS: 6, seconds: 10 }));
  project.provide('adminToken', stack.adminToken);
  project.provide('secondClip', writeClip(join(stack.work, 'second.wav'), { seed: SECOND_TRACK.seed, fromS: 4, seconds: 14 }));
  project.provide('lateClip', writeClip(join(stack.work, 'late.wav'), { seed: LATE_SEED, fromS: 3, seconds: 14 }));
  project.provide('unknownClip', writeClip(join(stack.work, 'unknown.wav'), { seed: UNKNOWN_SEED, fromS: 2, seconds: 10 }));
  project.provide('fallbackClip', writeClip(join(stack.work, 'fallback.wav'), { seed: UNKNOWN_SEED, fromS: 14, seconds: 10 }));
  project.provide('quietClip', writeClip(join(stack.work, 'quiet.wav'), { seed: CLIP_TRACK.seed, fromS: 6, seconds: 10, gainDb: -45 }));
  return () => {
    stack.stop();
    acr.server.close();
  };
}
