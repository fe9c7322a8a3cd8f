// The guard in front of every engine change: index-side hashes may change only with a new
// FP_VERSION (and its pins, recorded by `npm run golden`), since the API refuses query
// hashes of a version it did not index and a catalog is re-ingested on a bump.
import { beforeAll, describe, expect, it } from 'vitest';
import { FP_VERSION } from '../src/config';
import { currentPins, readPinFile, type PinFile, type Pins } from './golden-pins';

describe(`golden digests of fp_version ${FP_VERSION}`, () => {
  let file: PinFile;
  let now: Pins;
  beforeAll(async () => {
    [file, now] = await Promise.all([readPinFile(), currentPins()]);
  });

  it('are pinned for this version and no later one', () => {
    expect(file[FP_VERSION], `fp_version ${FP_VERSION} has no pins: run \`npm run golden\` after an intentional format change`).toBeDefined();
    expect(Math.max(...Object.keys(file).map(Number))).toBe(FP_VERSION);
    expect(Object.keys(file[FP_VERSION].index).sort(), 'a fixture without a pin: run `npm run golden`').toEqual(Object.keys(now.index).sort());
  });

  it('come from the same fixtures', () => {
    expect(now.signals, 'a pinned fixture changed its samples: pin a new fixture under a new name').toEqual(file[FP_VERSION].signals);
  });

  it('match the index-side hashes this build makes', () => {
    expect(now.index, `index-side hashes changed without an fp_version bump: bump FP_VERSION (dsp/src/config.ts), then \`npm run golden\``).toEqual(file[FP_VERSION].index);
  });
});
