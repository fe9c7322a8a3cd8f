// Counts of one `earshot index` run and the closing report.
import type { SimilarityClass } from '../../common/api-types';
import type { UploadResult } from './upload';

export class Summary {
  indexed = 0;
  exists = 0;
  resumed = 0;
  duplicates = new Map<SimilarityClass, number>();
  skipped: string[] = [];
  failed: string[] = [];
  notStarted = 0;
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

  report(): string {
    const wall = (performance.now() - this.t0) / 1000;
    const dup = [...this.duplicates].map(([c, n]) => `${c} ${n}`).join(', ');
    const dupCount = [...this.duplicates.values()].reduce((a, b) => a + b, 0);
    const lines = [
      `indexed ${this.indexed}, already in the catalog ${this.exists}, duplicates ${dupCount}${dup ? ` (${dup})` : ''}, ` +
        `skipped ${this.skipped.length}, failed ${this.failed.length}, done in earlier runs ${this.resumed}` +
        (this.notStarted > 0 ? `, not processed ${this.notStarted}` : ''),
      `audio ${(this.audioSeconds / 3600).toFixed(3)} h fingerprinted in ${wall.toFixed(1)} s: ${(this.audioSeconds / Math.max(wall, 1e-3)).toFixed(0)}x realtime ` +
        `(summed over files: decode ${this.decodeS.toFixed(1)} s, fingerprint ${this.fingerprintS.toFixed(1)} s, upload ${this.uploadS.toFixed(1)} s)`,
    ];
    for (const s of this.skipped) lines.push(`  skipped ${s}`);
    for (const f of this.failed) lines.push(`  failed  ${f}`);
    return lines.join('\n');
  }
}
