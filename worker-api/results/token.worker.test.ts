import { describe, expect, it } from 'vitest';
import { defaultMatchOptions, MATCH_EVIDENCE } from '../../dsp/src/index';
import { IDENTIFY_STATUSES } from '../../common/api-types';
import { base64url, fromBase64url } from '../encoding';
import { openAnswer, sealAnswer, TOKEN_PATTERN, type SealedAnswer } from './token';

const hmacKey = (seed: number) =>
  crypto.subtle.importKey('raw', new Uint8Array(32).fill(seed), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);

const answer = (matches: number): SealedAnswer => ({
  status: 'match',
  degraded: true,
  fp_version: 5,
  ms: 27.3,
  matches: Array.from({ length: matches }, (_, i) => ({ id: 4_000_000_000 + i, confidence: 0.9999876543 - i / 7, offset_s: 183.456 - i, speed: 1.031 - i / 100 })),
  issued: 1_796_000_000,
});

describe('result tokens', () => {
  it('give back exactly what they sealed, for every status, any number of matches and either evidence', async () => {
    const key = await hmacKey(1);
    for (const status of IDENTIFY_STATUSES) {
      for (let n = 0; n <= defaultMatchOptions.top; n++) {
        const a = { ...answer(n), status, degraded: n % 2 === 0, ...(status === 'match' ? { evidence: MATCH_EVIDENCE[n % 2] } : {}) };
        const token = await sealAnswer(key, a);
        expect(token).toMatch(new RegExp(TOKEN_PATTERN));
        expect(await openAnswer(key, token)).toEqual(a);
      }
    }
  });

  it('span the whole of their pattern: no matches the shortest, the most matches the longest', async () => {
    const key = await hmacKey(1);
    const [, min, max] = /\{(\d+),(\d+)\}/.exec(TOKEN_PATTERN)!.map(Number);
    expect((await sealAnswer(key, answer(0))).length).toBe(min);
    expect((await sealAnswer(key, answer(defaultMatchOptions.top))).length).toBe(max);
    await expect(sealAnswer(key, answer(defaultMatchOptions.top + 1))).rejects.toThrow(/at most/);
  });

  it('are not read with another key, with any byte changed, cut short or lengthened', async () => {
    const key = await hmacKey(1);
    const token = await sealAnswer(key, answer(2));
    expect(await openAnswer(await hmacKey(2), token)).toBeNull();
    const bytes = fromBase64url(token)!;
    for (let i = 0; i < bytes.length; i++) {
      const changed = bytes.slice();
      changed[i] ^= 1;
      expect(await openAnswer(key, base64url(changed)), `byte ${i}`).toBeNull();
    }
    expect(await openAnswer(key, token.slice(0, -4))).toBeNull();
    expect(await openAnswer(key, `${token}AAAA`)).toBeNull();
    for (const notBase64 of ['', 'A', '!!!!', `${token.slice(0, -1)}=`]) expect(await openAnswer(key, notBase64)).toBeNull();
    // 64 bytes in 86 characters: the last one's four low bits are not data, and must be 0
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const padded = `${token.slice(0, -1)}${alphabet[alphabet.indexOf(token.at(-1)!) | 1]}`;
    expect(fromBase64url(padded)).toEqual(fromBase64url(token));
    expect(await openAnswer(key, padded)).toBeNull();
  });
});
