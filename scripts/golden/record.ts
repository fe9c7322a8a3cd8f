// npm run golden: pins this build's digests of what the index stores, for each format's
// current version (dsp/testing/golden-pins.ts FORMATS). A version's pins are written once:
// a fixture may be added, but a pinned digest never changes (that is what a bump is for).
import { writeFile } from 'node:fs/promises';
import { currentPins, FORMATS, readPinFile, type PinFile, type Pins } from '../../dsp/testing/golden-pins';

const now = await currentPins();
const refused: string[] = [];
const files: PinFile[] = [];
for (const [i, format] of FORMATS.entries()) {
  const file = await readPinFile(format).catch(() => ({}) as PinFile);
  const pinned: Pins = file[format.version] ?? { signals: {}, index: {} };
  let added = 0;
  for (const name of Object.keys(now[i].index)) {
    if (!(name in pinned.index)) {
      pinned.signals[name] = now[i].signals[name];
      pinned.index[name] = now[i].index[name];
      added++;
    } else if (pinned.signals[name] !== now[i].signals[name]) {
      refused.push(`${name}: the fixture's samples changed (pinned ${pinned.signals[name]}, now ${now[i].signals[name]}); add a new fixture under a new name instead`);
    } else if (pinned.index[name] !== now[i].index[name]) {
      refused.push(`${name}: ${format.what} changed (pinned ${pinned.index[name]}, now ${now[i].index[name]}); bump ${format.bump}`);
    }
  }
  file[format.version] = pinned;
  files.push(file);
  console.log(`${format.what}, version ${format.version}: ${added} fixture(s) pinned, ${Object.keys(pinned.index).length} in all`);
}
if (refused.length > 0) {
  console.error(`pinned already:\n  ${refused.join('\n  ')}`);
  process.exit(1);
}
// nothing is written unless every format agrees with its pins
for (const [i, format] of FORMATS.entries()) await writeFile(format.file, `${JSON.stringify(files[i], null, 2)}\n`);
