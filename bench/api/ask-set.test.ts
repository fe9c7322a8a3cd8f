import { describe, expect, it } from 'vitest';
import type { IdentifyResponse, IdentifyMatch } from '../../common/api-types';
import { answerOf } from './ask-set';

const match = (title: string, confidence: number) => ({ track: { title }, confidence, offset_s: 0, speed: 1 }) as unknown as IdentifyMatch;
const response = (status: IdentifyResponse['status'], matches: IdentifyMatch[]): IdentifyResponse => ({
  status,
  matches,
  token: 't',
  fp_version: 5,
  degraded: false,
  source: 'local',
  ms: 12.5,
});

describe('bench api --set: an identify answer in the accuracy bench form', () => {
  it('names the answered track, and keeps the best candidate of an unanswered clip apart', () => {
    expect(answerOf('q1', response('match', [match('wesnoth/battle', 0.9999), match('filler 90', 0.2)]))).toEqual({
      qid: 'q1',
      top: 'wesnoth/battle',
      score: 0.9999,
      ms: 12.5,
      best: 'wesnoth/battle',
    });
    expect(answerOf('q2', response('no_match', [match('filler 90', 0.93)]))).toEqual({ qid: 'q2', top: null, score: 0.93, ms: 12.5, best: 'filler 90' });
  });

  it('answers nothing, at confidence 0, when no candidate was named', () => {
    expect(answerOf('q3', response('no_match', []))).toEqual({ qid: 'q3', top: null, score: 0, ms: 12.5, best: null });
  });
});
