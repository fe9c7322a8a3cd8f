// Counts of one `earshot index` run and the closing report.
import type { SimilarityClass } from '../../common/api-types';
import type { ArtworkResult } from './artwork';
import type { UploadResult } from './upload';

export class Summary {
  indexed = 0;
  exists = 0;
  resumed = 0;
  duplicates = new Map<SimilarityClass, number>();
  skipped: string[] = [];
  failed: string[] = [];
  notStarted = 0;
  /** Embedded covers uploaded, and those the API or the checks before it refused. */
  covers = 0;
  coversRefused: string[] = [];
  audioSeconds = 0;
  /** Summed over files: decode and fingerprint time in the workers, upload time in the lanes. */
  decodeS = 0;
  fingerprintS = 0;
  uploadS = 0;
  private readonly t0 = performance.now();

  add(path: string, r: UploadResult): void {
    switch (r.outcome) {
      case 'created':
        this.indexed++;
        break;
      case 'exists':
        this.exists++;
        break;
      case 'duplicate':
        this.duplicates.set(r.class, (this.duplicates.get(r.class) ?? 0) + 1);
        break;
      case 'skipped':
        this.skipped.push(`${path}: ${r.reason}`);
        break;
      case 'failed':
        this.failed.push(`${path}: ${r.reason}`);
        break;
    }
  }

  addArtwork(path: string, r: ArtworkResult): void {
    if (r.outcome === 'set') this.covers++;
    if (r.outcome === 'refused') this.coversRefused.push(`${path}: ${r.reason}`);
  }

  report(): string {
    const wall = (performance.now() - this.t0) / 1000;
    const dup = [...this.duplicates].map(([c, n]) => `${c} ${n}`).join(', ');
    const dupCount = [...this.duplicates.values()].reduce((a, b) => a + b, 0);
    const lines = [
      `indexed ${this.indexed}, already in the catalog ${this.exists}, duplicates ${dupCount}${dup ? ` (${dup})` : ''}, ` +
        `skipped ${this.skipped.length}, failed ${this.failed.length}, done in earlier runs ${this.resumed}` +
        (this.notStarted > 0 ? `, not processed ${this.notStarted}` : '') +
        `; covers uploaded ${this.covers}` +
        (this.coversRefused.length > 0 ? `, refused ${this.coversRefused.length}` : ''),
      `audio ${(this.audioSeconds / 3600).toFixed(3)} h fingerprinted in ${wall.toFixed(1)} s: ${(this.audioSeconds / Math.max(wall, 1e-3)).toFixed(0)}x realtime ` +
        `(summed over files: decode ${this.decodeS.toFixed(1)} s, fingerprint ${this.fingerprintS.toFixed(1)} s, upload ${this.uploadS.toFixed(1)} s)`,
    ];
    for (const s of this.skipped) lines.push(`  skipped ${s}`);
    for (const f of this.failed) lines.push(`  failed  ${f}`);
    for (const c of this.coversRefused) lines.push(`  cover refused ${c}`);
    return lines.join('\n');
  }
}
