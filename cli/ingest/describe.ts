// One human line per file outcome.
import type { UploadResult } from './upload';

export function describe(path: string, r: UploadResult): string {
  switch (r.outcome) {
    case 'created':
      return `indexed    ${path} (track ${r.track})`;
    case 'exists':
      return `exists     ${path} (track ${r.track})`;
    case 'duplicate':
      return `duplicate  ${path} of track ${r.of} (${r.class}, similarity ${r.similarity})`;
    case 'skipped':
      return `skipped    ${path}: ${r.reason}`;
    case 'failed':
      return `failed     ${path}: ${r.reason}`;
  }
}
