// Shapes of the catalog endpoints: they validate requests and fill /openapi.json.
import { FRAME_MAX, INGEST_MAX_RECORDS, MAX_CHUNKS, YEAR_MAX, YEAR_MIN } from '../../common/limits';
import { HASH_MAX } from '../../dsp/src/index';
import type { ObjectSchema, Schema } from '../spec';
import { envelopeChars } from '../envelopes';

/** The longest track the catalog takes (s). */
const TRACK_MAX_S = 36_000;

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const optionalText = (maxLength: number) => ({ type: 'string', maxLength, nullable: true }) as const;

export const ISRC_PATTERN = '^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$';

export const trackMeta = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    external_id: { type: 'string', nullable: true },
    title: { type: 'string' },
    artist: { type: 'string', nullable: true },
    album: { type: 'string', nullable: true },
    isrc: { type: 'string', nullable: true },
    year: { type: 'integer', nullable: true, description: 'release year; null when unknown' },
  },
  required: ['id', 'external_id', 'title', 'artist', 'album', 'isrc', 'year'],
} as const satisfies ObjectSchema;

export const trackRecord = {
  type: 'object',
  properties: {
    ...trackMeta.properties,
    duration_s: { type: 'number' },
    hash_count: { type: 'integer' },
    content_sha1: { type: 'string' },
    fp_version: { type: 'integer' },
    created_at: { type: 'string' },
    artwork: {
      type: 'string',
      nullable: true,
      description: "the cover picture's version (content hash); null: none, and GET /tracks/{id}/artwork answers a placeholder",
    },
  },
  required: [...trackMeta.required, 'duration_s', 'hash_count', 'content_sha1', 'fp_version', 'created_at', 'artwork'],
} as const satisfies ObjectSchema;

export const duplicateOf = {
  type: 'object',
  properties: {
    track: trackMeta,
    similarity: { type: 'number', minimum: 0, maximum: 1 },
    class: { type: 'string', enum: ['identical', 'same_recording', 'related_version', 'different'] },
    coverage: {
      type: 'object',
      description: "share of each recording's audio the alignment covers",
      properties: { new: { type: 'number', minimum: 0, maximum: 1 }, existing: { type: 'number', minimum: 0, maximum: 1 } },
      required: ['new', 'existing'],
    },
  },
  required: ['track', 'similarity', 'class', 'coverage'],
} as const satisfies ObjectSchema;

export const ingestBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    title: text(500),
    artist: optionalText(500),
    album: optionalText(500),
    isrc: { type: 'string', pattern: ISRC_PATTERN, nullable: true, description: '12 characters, upper case, no hyphens' },
    external_id: { type: 'string', minLength: 1, maxLength: 200, nullable: true },
    year: { type: 'integer', minimum: YEAR_MIN, maximum: YEAR_MAX, nullable: true, description: 'release year' },
    duration_s: { type: 'number', minimum: 0.5, maximum: TRACK_MAX_S },
    content_sha1: { type: 'string', pattern: '^[0-9a-f]{40}$', description: 'SHA-1 of the decoded audio as 16-bit little-endian PCM, channels interleaved, lower-case hex: the same for a lossless re-encode or a retagged file' },
    fp_version: { type: 'integer', minimum: 1 },
    hashes: {
      type: 'object',
      description: 'Index-side records (preset "index"), parallel arrays',
      additionalProperties: false,
      properties: {
        hash: { type: 'array', maxItems: INGEST_MAX_RECORDS, items: { type: 'integer', minimum: 0, maximum: HASH_MAX } },
        t: { type: 'array', maxItems: INGEST_MAX_RECORDS, items: { type: 'integer', minimum: 0, maximum: FRAME_MAX } },
      },
      required: ['hash', 't'],
    },
    envelope: {
      type: 'object',
      nullable: true,
      description: "the track's band envelope (dsp storeEnvelope), read with chunk 0: the matcher's second look when hashes are not confident",
      additionalProperties: false,
      properties: {
        version: { type: 'integer', minimum: 1, description: 'dsp ENVELOPE_VERSION' },
        data: { type: 'string', maxLength: envelopeChars(TRACK_MAX_S), description: 'base64url, no padding' },
      },
      required: ['version', 'data'],
    },
    force: { type: 'boolean', description: 'index even when the same audio is already in the catalog' },
    chunk: {
      type: 'object',
      description: 'for tracks too long for one body: chunks 0..count-1 in order, same metadata, each with its slice of the records',
      additionalProperties: false,
      properties: { index: { type: 'integer', minimum: 0, maximum: MAX_CHUNKS - 1 }, count: { type: 'integer', minimum: 1, maximum: MAX_CHUNKS } },
      required: ['index', 'count'],
    },
  },
  required: ['title', 'duration_s', 'content_sha1', 'fp_version', 'hashes'],
} as const satisfies ObjectSchema;

const ingestStatus = (status: string) => ({ type: 'string', enum: [status] }) as const;

/** The answers of ingest by status (common/api-types.ts IngestChunkResponse). */
export const ingestCreated = {
  type: 'object',
  properties: {
    status: ingestStatus('created'),
    track: trackRecord,
    duplicate_of: { ...duplicateOf, nullable: true, description: 'a similar track indexed already (the upload said force); null when none is' },
  },
  required: ['status', 'track', 'duplicate_of'],
} as const satisfies ObjectSchema;

export const ingestFound: Schema = {
  description: 'exists: this content_sha1 is indexed already; duplicate: the same audio under another file, not indexed',
  oneOf: [
    { type: 'object', properties: { status: ingestStatus('exists'), track: trackRecord }, required: ['status', 'track'] },
    { type: 'object', properties: { status: ingestStatus('duplicate'), duplicate_of: duplicateOf }, required: ['status', 'duplicate_of'] },
  ],
};

export const ingestPartial = {
  type: 'object',
  properties: {
    status: ingestStatus('partial'),
    track_id: { type: 'integer', description: 'the track being uploaded' },
    chunks_done: { type: 'integer', description: 'chunks stored so far (= the index to send next)' },
    chunk_count: { type: 'integer' },
  },
  required: ['status', 'track_id', 'chunks_done', 'chunk_count'],
} as const satisfies ObjectSchema;

export const trackId = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const satisfies ObjectSchema;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'words of the title, artist or album (each a prefix, in any order, accents ignored), or an exact ISRC or external id' },
    isrc: { type: 'string', pattern: ISRC_PATTERN },
    external_id: { type: 'string', minLength: 1, maxLength: 200 },
    limit: { type: 'integer', minimum: 1, maximum: 100 },
    offset: { type: 'integer', minimum: 0, maximum: 1_000_000 },
  },
} as const satisfies ObjectSchema;

export const trackList: Schema = {
  type: 'object',
  properties: {
    tracks: { type: 'array', items: trackRecord },
    total: { type: 'integer' },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  },
  required: ['tracks', 'total', 'limit', 'offset'],
};
