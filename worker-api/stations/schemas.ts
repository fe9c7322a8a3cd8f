// The monitoring API's request and answer shapes, validated and published in /openapi.json.
import type { ObjectSchema } from '../spec';
import { captureSchema } from './settings';

const nullableString = { type: 'string', nullable: true } as const;

export const playSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    station_id: { type: 'string' },
    station_name: { type: 'string' },
    track_id: { type: 'integer', nullable: true },
    title: { type: 'string' },
    artist: nullableString,
    isrc: nullableString,
    start: { type: 'string', description: 'ISO time (UTC) the play started on air' },
    end: { type: 'string' },
    duration_s: { type: 'number' },
    confidence: { type: 'number' },
    speed: { type: 'number', description: '1.03: played 3 % fast' },
    detections: { type: 'integer' },
    open: { type: 'boolean', description: 'still on air' },
    notes: { type: 'array', items: { type: 'string' } },
  },
  required: ['id', 'station_id', 'station_name', 'track_id', 'title', 'artist', 'isrc', 'start', 'end', 'duration_s', 'confidence', 'speed', 'detections', 'open', 'notes'],
} as const satisfies ObjectSchema;

const healthSchema = {
  type: 'object',
  properties: {
    state: { type: 'string', enum: ['starting', 'listening', 'reconnecting', 'alert', 'unsupported_format', 'paused'] },
    connected: { type: 'boolean' },
    last_audio_at: nullableString,
    bytes_received: { type: 'integer' },
    seconds_received: { type: 'number' },
    captures_ok: { type: 'integer' },
    captures_failed: { type: 'integer' },
    capture_success_rate: { type: 'number', nullable: true },
    detection_latency_ms: {
      type: 'object',
      properties: { last: { type: 'number', nullable: true }, mean: { type: 'number', nullable: true } },
      required: ['last', 'mean'],
    },
    reconnects: { type: 'integer' },
    consecutive_failures: { type: 'integer' },
    next_capture_at: nullableString,
    last_error: nullableString,
    stream: { type: 'object', properties: { format: nullableString, name: nullableString, title: nullableString }, required: ['format', 'name', 'title'] },
  },
  required: [
    'state', 'connected', 'last_audio_at', 'bytes_received', 'seconds_received', 'captures_ok', 'captures_failed', 'capture_success_rate',
    'detection_latency_ms', 'reconnects', 'consecutive_failures', 'next_capture_at', 'last_error', 'stream',
  ],
} as const satisfies ObjectSchema;

export const stationStatusSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    url: { type: 'string' },
    capture: { ...captureSchema, required: ['mode', 'window_s', 'every_s', 'overlap_s'] },
    paused: { type: 'boolean' },
    created_at: { type: 'string' },
    health: healthSchema,
    now_playing: { ...playSchema, nullable: true, description: 'the play on air, or null' },
  },
  required: ['id', 'name', 'url', 'capture', 'paused', 'created_at', 'health', 'now_playing'],
} as const satisfies ObjectSchema;

export const stationId = { type: 'object', properties: { id: { type: 'string', pattern: '^st_[A-Za-z0-9_-]{12}$' } }, required: ['id'] } as const satisfies ObjectSchema;

export const createBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    url: { type: 'string', minLength: 1, maxLength: 2000, description: 'an http(s) Icecast/SHOUTcast stream: MP3, Ogg Vorbis or Ogg Opus' },
    capture: captureSchema,
  },
  required: ['name', 'url'],
} as const satisfies ObjectSchema;

/** A time bound: ISO 8601 or Unix milliseconds. */
const timeParam = { type: 'string', minLength: 1, maxLength: 40, description: 'ISO 8601 time or Unix milliseconds' } as const;

export const MAX_PLAYS_PAGE = 500;

export const playsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: timeParam,
    to: timeParam,
    track: { type: 'integer', minimum: 1 },
    limit: { type: 'integer', minimum: 1, maximum: MAX_PLAYS_PAGE },
    cursor: { type: 'string', pattern: '^[0-9]{1,15}_[A-Za-z0-9-]{1,64}$' },
  },
} as const satisfies ObjectSchema;

export const csvQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { station: stationId.properties.id, from: timeParam, to: timeParam },
} as const satisfies ObjectSchema;

export const MAX_DAILY_DAYS = 90;
