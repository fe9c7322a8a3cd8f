// npm run golden: pins this build's index-side digests for the current fp_version in
// dsp/testing/golden-digests.json. A version's pins are written once: a fixture may be added,
// but a pinned digest never changes (that is what an fp_version bump is for).
import { writeFile } from 'node:fs/promises';
import { FP_VERSION } from '../../dsp/src/index';
import { currentPins, PIN_FILE, readPinFile, type Pins } from '../../dsp/testing/golden-pins';

const file = await readPinFile();
const now = await currentPins();
const pinned: Pins = file[FP_VERSION] ?? { signals: {}, index: {} };
const refused: string[] = [];
let added = 0;
for (const name of Object.keys(now.index)) {
  if (!(name in pinned.index)) {
    pinned.signals[name] = now.signals[name];
    pinned.index[name] = now.index[name];
    added++;
  } else if (pinned.signals[name] !== now.signals[name]) {
    refused.push(`${name}: the fixture's samples changed (pinned ${pinned.signals[name]}, now ${now.signals[name]}); add a new fixture under a new name instead`);
  } else if (pinned.index[name] !== now.index[name]) {
    refused.push(`${name}: index-side hashes changed (pinned ${pinned.index[name]}, now ${now.index[name]}); bump FP_VERSION in dsp/src/config.ts`);
  }
}
if (refused.length > 0) {
  console.error(`fp_version ${FP_VERSION} is pinned already:\n  ${refused.join('\n  ')}`);
  process.exit(1);
}
file[FP_VERSION] = pinned;
await writeFile(PIN_FILE, `${JSON.stringify(file, null, 2)}\n`);
console.log(`fp_version ${FP_VERSION}: ${added} fixture(s) pinned, ${Object.keys(pinned.index).length} in all`);
