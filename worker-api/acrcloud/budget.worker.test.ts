// The global ACRCloud budget (its own file: a pause spent here must not leak into the
// fallback tests, and each test file has its own Durable Object storage). Its calls use a
// lane of the stand-in of their own (test/acrcloud/standin.ts): the fallback tests may run
// at the same time.
import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { encodeWav } from '../../dsp/src/decode/index';
import { FP_VERSION } from '../../dsp/src/index';
import { resultKey } from '../results/key';
import { sealAnswer } from '../results/token';
import worker from '../index';
import { freshIp } from '../test/fixtures';

const LANE = 'budget';

type Err = { error: { code: string; message: string } };
const budget = () => env.ACR_BUDGET.get(env.ACR_BUDGET.idFromName('budget-test'));

describe('the ACRCloud budget', () => {
  it('grants exactly its calls per minute under concurrency, then says when the next one comes', async () => {
    const now = Date.parse('2026-12-02T10:00:30Z');
    const grants = await Promise.all(Array.from({ length: 20 }, () => budget().take({ perMin: 5, perDay: 100 }, now)));
    expect(grants.filter((g) => g.ok).length).toBe(5);
    expect(grants.find((g) => !g.ok)).toEqual({ ok: false, retryAfterS: 30 });
    expect(await budget().take({ perMin: 5, perDay: 100 }, now + 30_000)).toEqual({ ok: true });
  });

  it('holds a daily limit to the next UTC day, and a pause', async () => {
    const b = env.ACR_BUDGET.get(env.ACR_BUDGET.idFromName('budget-day'));
    const late = Date.parse('2026-12-02T23:59:00Z');
    expect(await b.take({ perMin: 10, perDay: 1 }, late)).toEqual({ ok: true });
    expect(await b.take({ perMin: 10, perDay: 1 }, late + 1000)).toEqual({ ok: false, retryAfterS: 59 });
    expect(await b.take({ perMin: 10, perDay: 1 }, Date.parse('2026-12-03T00:00:00Z'))).toEqual({ ok: true });
    await b.pause(Date.parse('2026-12-03T00:10:00Z'));
    expect(await b.take({ perMin: 10, perDay: 5 }, Date.parse('2026-12-03T00:05:00Z'))).toEqual({ ok: false, retryAfterS: 300 });
  });

  it('stops every call after 3003 (quota) until its window passes: 503 fallback_busy with Retry-After', async () => {
    await fetch(`${env.ACRCLOUD_HOST}/__script?lane=${LANE}`, { method: 'POST', body: JSON.stringify([{ kind: 'code', code: 3003 }]) });
    const token = await sealAnswer(await resultKey(env.CATALOG), { status: 'no_match', degraded: false, fp_version: FP_VERSION, ms: 1, matches: [], issued: Math.floor(Date.now() / 1000) });
    const wav = (f: number) => encodeWav({ sampleRate: 8000, channels: [Float32Array.from({ length: 8000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * f * i) / 8000))] });
    const ask = async (f: number) => {
      const ctx = createExecutionContext();
      const req = new Request(`http://earshot.test/api/v1/identify/fallback?token=${token}`, { method: 'POST', headers: { 'content-type': 'audio/wav', 'cf-connecting-ip': freshIp() }, body: wav(f) });
      const res = await worker.fetch(req, { ...env, ACRCLOUD_ACCESS_KEY: `${env.ACRCLOUD_ACCESS_KEY}.${LANE}` }, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    };
    const first = await ask(300);
    expect(first.status).toBe(503);
    expect(((await first.json()) as Err).error.code).toBe('fallback_busy');
    const retry = Number(first.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(86_400);
    const second = await ask(310);
    expect(second.status).toBe(503);
    expect(((await (await fetch(`${env.ACRCLOUD_HOST}/__calls?lane=${LANE}`)).json()) as { calls: number }).calls).toBe(1);
  });
});
