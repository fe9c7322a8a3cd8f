// TuneScout's shapes (common/tunescout-types.ts) as /openapi.json publishes them.
import type { ObjectSchema, Schema } from '../spec';
import { SUPPORTED } from './upload';

const num = { type: 'number' } as const;
const int = { type: 'integer' } as const;

const dejavuResult = {
  type: 'object',
  properties: {
    song_id: int,
    song_name: { type: 'string' },
    input_total_hashes: { type: 'integer', description: 'as-heard hashes of the input' },
    fingerprinted_hashes_in_db: int,
    hashes_matched_in_input: int,
    input_confidence: { type: 'number', description: 'hashes_matched_in_input / input_total_hashes, 2 decimals' },
    fingerprinted_confidence: { type: 'number', description: 'hashes_matched_in_input / fingerprinted_hashes_in_db, 2 decimals' },
    offset: { type: 'integer', description: 'where in the song the input starts, in fingerprint frames' },
    offset_seconds: num,
    file_sha1: { type: 'string' },
  },
  required: [
    'song_id', 'song_name', 'input_total_hashes', 'fingerprinted_hashes_in_db', 'hashes_matched_in_input',
    'input_confidence', 'fingerprinted_confidence', 'offset', 'offset_seconds', 'file_sha1',
  ],
} as const satisfies ObjectSchema;

const success = { type: 'string', enum: ['success'] } as const;

export const recognizeResponse = {
  type: 'object',
  description: 'the confident results, best first; nothing confident is no results and no token',
  properties: {
    token: { type: 'string', pattern: '^[A-Za-z0-9]{20}$', description: 'for GET /fetch/{token}' },
    results: { type: 'array', items: dejavuResult },
    status: success,
  },
  required: ['results', 'status'],
} as const satisfies ObjectSchema;

export const fingerprintResponse = {
  type: 'object',
  properties: { status: success, blob_sha1: { type: 'string', description: 'SHA-1 of the decoded audio as 16-bit PCM' } },
  required: ['status', 'blob_sha1'],
} as const satisfies ObjectSchema;

export const tuneScoutErrorSchema: Schema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['error'] },
    message: { type: 'string', description: "TuneScout's wording where it has one" },
    error: { type: 'string', description: "the message again, for clients of TuneScout's older form" },
    blob_sha1: { type: 'string', description: '409 Already fingerprinted: the SHA-1 of the file that is' },
  },
  required: ['status', 'message', 'error'],
};

const file = { type: 'string', contentMediaType: 'application/octet-stream', description: `an audio file: ${SUPPORTED}` } as const;

export const recognizeForm = {
  type: 'object',
  properties: {
    file,
    start: { type: 'number', minimum: 0, description: 'seconds into the file to start at' },
    duration: { type: 'number', minimum: 0, description: 'seconds to hear (more than 0), at most recognizing.max_duration' },
  },
  required: ['file'],
} as const satisfies ObjectSchema;

export const fingerprintForm = {
  type: 'object',
  properties: { file: { ...file, description: `an audio file: ${SUPPORTED}; its name's stem names the song` } },
  required: ['file'],
} as const satisfies ObjectSchema;
