// The guard in front of every engine change: what the index stores may change only with a
// new version of its format (and its pins, recorded by `npm run golden`), since the API
// refuses query hashes of a version it did not index and a catalog is re-ingested on a bump.
import { beforeAll, describe, expect, it } from 'vitest';
import { currentPins, FORMATS, readPinFile, type PinFile, type Pins } from './golden-pins';

let now: Pins[];
beforeAll(async () => {
  now = await currentPins();
});

describe.each(FORMATS.map((format, i) => ({ format, i, name: `${format.what}, version ${format.version}` })))('golden digests of $name', ({ format, i }) => {
  let file: PinFile;
  beforeAll(async () => {
    file = await readPinFile(format);
  });

  it('are pinned for this version and no later one', () => {
    expect(file[format.version], `version ${format.version} has no pins: run \`npm run golden\` after an intentional format change`).toBeDefined();
    expect(Math.max(...Object.keys(file).map(Number))).toBe(format.version);
    expect(Object.keys(file[format.version].index).sort(), 'a fixture without a pin: run `npm run golden`').toEqual(Object.keys(now[i].index).sort());
  });

  it('come from the same fixtures', () => {
    expect(now[i].signals, 'a pinned fixture changed its samples: pin a new fixture under a new name').toEqual(file[format.version].signals);
  });

  it('match what this build stores', () => {
    expect(now[i].index, `${format.what} changed without a version bump: bump ${format.bump}, then \`npm run golden\``).toEqual(file[format.version].index);
  });
});
