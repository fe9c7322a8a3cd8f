// Hashes of another fingerprint format would match nothing, silently: refuse them.
import { FP_VERSION } from '../../dsp/src/index';
import { ApiError } from '../errors';

export function checkFpVersion(v: number): void {
  if (v !== FP_VERSION) {
    throw new ApiError(422, 'fp_version_unsupported', `hashes of fp_version ${v} cannot be used: this index holds fp_version ${FP_VERSION}; update the client`);
  }
}
