// The identify core shared by /api/v1/identify and the TuneScout-compatible /api/recognize:
// match a batch over the sharded index, name the candidates from the catalog.
import { frameSeconds, match, presets, WasmCorrelator, type Candidate, type HashBatch, type MatchResult, type QueryEnvelope } from '../../dsp/src/index';
import { dspModule } from '../audio';
import type { TrackMeta } from '../../common/api-types';
import { catalogSize } from '../catalog';
import { nameCache } from '../catalog/names';
import { readEnvelopes } from '../envelopes';
import type { Env } from '../env';
import { ApiError } from '../errors';
import { ShardedIndex, ShardFailure, shardsOf } from '../shards';
import { postingsCache } from '../shards/cache';

export const FRAME_S = frameSeconds(presets.index);

/** The envelope search's SIMD kernel: one instance per isolate, made on the first search. */
let correlator: Promise<WasmCorrelator> | null = null;

export interface NamedCandidate extends Candidate {
  meta: TrackMeta;
}

export interface IdentifyRun {
  result: MatchResult;
  /** Candidates whose track is still in the catalog, best first. */
  named: NamedCandidate[];
  /** The matcher's answer still stands after naming (its top track was not deleted meanwhile). */
  matched: boolean;
  degraded: boolean;
  matchMs: number;
  /** Postings read from the shards, the rest came from the isolate's cache. */
  postingsRead: number;
}

/**
 * Where in the track the query starts (seconds) and the playback speed its hypothesis
 * means: a query played s times fast is matched by the hypothesis that scales time by s.
 */
export function timingOf(c: Candidate): { offsetS: number; speed: number } {
  return { offsetS: c.offset * FRAME_S, speed: c.speed };
}

/**
 * `looks`: the questions about this capture so far, this one included (match's `looks`);
 * `envelope`: the query's band envelope, searched over the candidates' stored ones when the
 * hashes name none confidently.
 */
export async function identifyBatch(env: Env, batch: HashBatch, looks = 1, envelope?: QueryEnvelope): Promise<IdentifyRun> {
  const started = performance.now();
  // the catalog's size is read while the shards are
  const catalog = catalogSize(env.CATALOG);
  const index = new ShardedIndex(shardsOf(env), catalog, { cache: postingsCache, envelopes: (tracks) => readEnvelopes(env.CATALOG, tracks) });
  let result: MatchResult;
  try {
    const verify = envelope ? { correlator: await (correlator ??= WasmCorrelator.create(dspModule)) } : {};
    result = await match(index, batch, { looks, verify }, envelope);
  } catch (err) {
    if (err instanceof ShardFailure) throw new ApiError(503, 'index_unavailable', 'no index shard could be read; retry later');
    throw err;
  }
  const matchMs = performance.now() - started;
  const metas = await nameCache.named(env.CATALOG, result.candidates.map((m) => m.track), (await catalog).stamp);
  const named: NamedCandidate[] = [];
  for (const m of result.candidates) {
    const meta = metas.get(m.track);
    if (meta && m.confidence > 0) named.push({ ...m, meta });
  }
  const matched = result.status === 'match' && named[0]?.track === result.candidates[0].track;
  return { result, named, matched, degraded: index.failed.size > 0, matchMs, postingsRead: index.postingsRead };
}
