// A Chrome microphone recording (MediaRecorder: WebM/Opus, unknown sizes) through the
// TuneScout endpoints inside workerd, where the decoders run from precompiled modules.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { FingerprintResponse, RecognizeResponse } from '../../common/tunescout-types';
import { fetchWorker, freshIp } from '../test/fixtures';

function fixture(name: string, type: string): File {
  return new File([Uint8Array.from(atob(inject('audioFixtures')[name]), (c) => c.charCodeAt(0))], name, { type });
}

function upload(path: string, file: File, headers: HeadersInit = {}): Promise<Response> {
  const body = new FormData();
  body.append('file', file);
  return fetchWorker(`http://earshot.test/api${path}`, { method: 'POST', body, headers: { ...headers, 'cf-connecting-ip': freshIp() } });
}

describe('a WebM upload', () => {
  beforeAll(async () => {
    const res = await upload('/fingerprint', fixture('Night Market.mp3', 'audio/mpeg'), { authorization: 'Bearer test-tunescout-token-0123456789' });
    expect(res.status, JSON.stringify((await res.json()) as FingerprintResponse)).toBe(200);
  });

  it('recorded by Chrome (Opus) is recognised: the song it recorded, 4 s in', async () => {
    const res = await upload('/recognize', fixture('night-market-recorded.webm', 'audio/webm'));
    const body = (await res.json()) as Extract<RecognizeResponse, { token: string }>;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.results[0].song_name).toBe('Night Market');
    expect(Math.abs(body.results[0].offset_seconds - 4)).toBeLessThan(0.1);
  });

  it('with Vorbis instead of Opus is 415, naming what is supported', async () => {
    // EBML header (DocType webm), Segment, Tracks with one A_VORBIS audio track
    const hex = '1a45dfa3874282847765626d' + '1853806797' + '1654ae6b92' + 'ae90' + 'd78101' + '838102' + '8688415f564f52424953';
    const bytes = Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16));
    const res = await upload('/recognize', new File([bytes], 'vorbis.webm', { type: 'audio/webm' }));
    expect(res.status).toBe(415);
    expect(((await res.json()) as { message: string }).message).toMatch(/^Failed to process input file: .*without an Opus audio track \(tracks: A_VORBIS\); supported: .*WebM/);
  });
});
