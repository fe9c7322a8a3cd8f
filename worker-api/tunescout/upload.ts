// The multipart upload of a TuneScout request: opening it, the limits, and what its
// failures mean to the client (bad form 400, too big 413, not audio 415, broken audio 422).
import { EngineError } from '../../dsp/src/index';
import { AudioDecodeError } from '../../dsp/src/decode/index';
import type { Failure } from '../spec/operation';
import type { TuneScoutConfig } from './config';
import { NO_FILE, TuneScoutFailure } from './errors';
import { boundaryOf, MultipartError, MultipartReader } from './multipart';

export const SUPPORTED = 'WAV, AIFF, MP3, Ogg Vorbis, Opus (Ogg or WebM) and FLAC';

/** What an endpoint that reads an upload may answer because of it. */
export const uploadFailures: Record<number, Failure> = {
  400: `${NO_FILE}; Bad request: a malformed form or field`,
  413: 'File exceeds the N MB limit (recognizing.max_file_size_mb, counted on the bytes read)',
  415: 'Failed to process input file: not a format it reads',
  422: 'Failed to process input file: broken, empty or silent audio',
};

function tooLarge(cfg: TuneScoutConfig): TuneScoutFailure {
  return new TuneScoutFailure(413, `File exceeds the ${cfg.maxFileBytes / (1024 * 1024)} MB limit`);
}

/** The request's form, read as it arrives; a body that is not a form has no file part. */
export function openForm(req: Request, cfg: TuneScoutConfig): MultipartReader {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > cfg.maxFileBytes) {
    // refused on the header: the rest is not wanted, and the runtime would wait for it
    req.body?.cancel().catch(() => {});
    throw tooLarge(cfg);
  }
  const boundary = boundaryOf(req.headers.get('content-type'));
  if (!boundary || !req.body) throw new TuneScoutFailure(400, NO_FILE);
  return new MultipartReader(req.body.getReader(), boundary, cfg.maxFileBytes);
}

/** An upload or audio failure as the client should hear it; anything else is rethrown. */
export function uploadFailure(err: unknown, cfg: TuneScoutConfig): never {
  if (err instanceof MultipartError) {
    throw err.kind === 'too_large' ? tooLarge(cfg) : new TuneScoutFailure(400, `Bad request: ${err.message}`);
  }
  if (err instanceof AudioDecodeError) {
    if (err.code === 'unsupported') throw new TuneScoutFailure(415, `Failed to process input file: ${err.message}; supported: ${SUPPORTED}`);
    throw new TuneScoutFailure(422, `Failed to process input file: ${err.message}`);
  }
  if (err instanceof EngineError) throw new TuneScoutFailure(422, `Failed to process input file: ${err.message}`);
  throw err;
}

/** A form field that holds seconds (start, duration). */
export function seconds(name: string, text: string): number {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v) || v < 0) throw new TuneScoutFailure(400, `Bad request: ${name} must be a number of seconds, not "${text.slice(0, 40)}"`);
  return v;
}
