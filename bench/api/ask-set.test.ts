import { describe, expect, it } from 'vitest';
import type { IdentifyResponse, IdentifyMatch } from '../../common/api-types';
import { answerOf, DEV_RESTARTED, identifyAnswer } from './ask-set';
import type { Reply } from './client';

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

describe('bench api --set: asking through the dev server', () => {
  const reply = (status: number, text: string): Reply => ({ status, headers: {}, text, json: <T>() => JSON.parse(text) as T });
  const answered = response('no_match', []);
  const replies = (...list: Reply[]) => {
    let sent = 0;
    return { send: async () => list[Math.min(sent++, list.length - 1)], sent: () => sent };
  };

  it('asks again where the dev server restarted the Worker under the request', async () => {
    const r = replies(reply(503, `${DEV_RESTARTED}. Please try sending the request again.`), reply(200, JSON.stringify(answered)));
    expect(await identifyAnswer(r.send)).toEqual(answered);
    expect(r.sent()).toBe(2);
  });

  it('gives up after its tries, and says what any other failure was, JSON or not', async () => {
    const restarts = replies(reply(503, DEV_RESTARTED));
    await expect(identifyAnswer(restarts.send, 3)).rejects.toThrow(/^identify: 503 Your worker restarted/);
    expect(restarts.sent()).toBe(3);
    const refused = replies(reply(422, '{"error":{"code":"invalid_field"}}'));
    await expect(identifyAnswer(refused.send)).rejects.toThrow('identify: 422 {"error":{"code":"invalid_field"}}');
    expect(refused.sent()).toBe(1);
  });
});
