// The fallback's answer (common/api-types.ts FallbackResponse) as /openapi.json publishes it.
import { identifyMatch } from '../identify/schemas';
import type { ObjectSchema } from '../spec';

const text = { type: 'string', nullable: true } as const;
const num = { type: 'number', nullable: true } as const;

const externalRecording = {
  type: 'object',
  nullable: true,
  description: 'the recording as ACRCloud named it; null when it named none',
  properties: {
    title: { type: 'string' },
    artist: text,
    album: text,
    acrid: { type: 'string' },
    score: { ...num, description: "ACRCloud's score, 0-100" },
    offset_s: num,
    duration_s: num,
    label: text,
    release_date: text,
    isrc: text,
    upc: text,
  },
  required: ['title', 'artist', 'album', 'acrid', 'score', 'offset_s', 'duration_s', 'label', 'release_date', 'isrc', 'upc'],
} as const satisfies ObjectSchema;

export const fallbackResponse = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['match', 'no_match'] },
    source: { type: 'string', enum: ['local', 'acrcloud', 'hybrid'], description: 'local: the catalog was sure already; hybrid: the catalog and ACRCloud name the same recording' },
    recording: externalRecording,
    local: { ...identifyMatch, nullable: true, description: "the catalog's best guess for the same audio" },
    cached: { type: 'boolean', description: 'answered from the cache of earlier samples: no ACRCloud call' },
    tries: { type: 'integer' },
    ms: { type: 'number' },
  },
  required: ['status', 'source', 'recording', 'local', 'cached', 'tries', 'ms'],
} as const satisfies ObjectSchema;
