// The local Icecast the radio-monitor tests listen to: what a listener receives must be the
// fixture's own bytes, decodable from wherever it joins, paced like a live station, with
// SHOUTcast-style metadata only when asked for; the fault mounts fail as promised.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeAudio, sniff } from '../../dsp/src/decode/index';
import { playlist, startStreamServer, type StreamServer } from './stream-server';

const dir = new URL('../fixtures/radio/', import.meta.url).pathname;
const fixture = (name: string) => Buffer.from(readFileSync(dir + name));

const servers: StreamServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function server(opts: Parameters<typeof startStreamServer>[0] = {}): Promise<StreamServer> {
  const s = await startStreamServer(opts);
  servers.push(s);
  return s;
}

/** Everything a listener gets in `ms` of wall time. */
async function listen(url: string, ms: number, headers: Record<string, string> = {}): Promise<{ headers: Headers; bytes: Buffer }> {
  const stop = new AbortController();
  const res = await fetch(url, { headers, signal: stop.signal });
  const timer = setTimeout(() => stop.abort(), ms);
  const chunks: Uint8Array[] = [];
  const reader = res.body!.getReader();
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  } catch (e) {
    if (!stop.signal.aborted) throw e;
  }
  clearTimeout(timer);
  return { headers: res.headers, bytes: Buffer.concat(chunks) };
}

/** Written from the SHOUTcast description, not from the server: audio bytes and each block's title (null: unchanged). */
function deinterleave(bytes: Buffer, metaint: number): { audio: Buffer; titles: (string | null)[] } {
  const audio: Buffer[] = [];
  const titles: (string | null)[] = [];
  for (let at = 0; at < bytes.length; ) {
    audio.push(bytes.subarray(at, at + metaint));
    at += metaint;
    if (at >= bytes.length || at + 1 + bytes[at] * 16 > bytes.length) break;
    const text = bytes.toString('latin1', at + 1, at + 1 + bytes[at] * 16).replace(/\0+$/, '');
    titles.push(text ? /^StreamTitle='(.*)';$/.exec(text)![1] : null);
    at += 1 + bytes[at] * 16;
  }
  return { audio: Buffer.concat(audio), titles };
}

/** Where in `file` the received `bytes` sit, checking that they are one unbroken piece of it. */
function offsetIn(file: Buffer, bytes: Buffer): number {
  const at = file.indexOf(bytes.subarray(0, 4096));
  expect(at).toBeGreaterThanOrEqual(0);
  expect(file.subarray(at, at + bytes.length).equals(bytes)).toBe(true);
  return at;
}

async function seconds(bytes: Buffer): Promise<number> {
  const audio = await decodeAudio(bytes);
  expect(audio.sampleRate).toBe(44100);
  return audio.channels[0].length / audio.sampleRate;
}

describe('the test radio station', () => {
  it('interleaves ICY metadata when asked, around the fixture MP3 bytes, naming the segment playing', async () => {
    const s = await server({ pace: 8, metaint: 4000 });
    const { headers, bytes } = await listen(`${s.url}/radio.mp3`, 1500, { 'Icy-MetaData': '1' });
    expect(headers.get('content-type')).toBe('audio/mpeg');
    expect(headers.get('icy-metaint')).toBe('4000');
    expect(headers.get('icy-name')).toBe('Earshot FM test');
    const { audio, titles } = deinterleave(bytes, 4000);
    expect(offsetIn(fixture('playlist.mp3'), audio)).toBe(0);
    expect(await seconds(audio)).toBeGreaterThan(8);
    // the clock started with this listener: talk first, then the first song; empty blocks in between
    const [talk, song] = playlist.segments;
    const named = titles.filter((t) => t !== null);
    expect(talk.kind).toBe('talk');
    expect(named).toEqual(['Earshot FM - Talk', `${song.artist} - ${song.title}`]);
    expect(titles.length).toBeGreaterThan(named.length);
  });

  it('sends no metadata to a listener that did not ask for it', async () => {
    const s = await server({ pace: 8 });
    const { headers, bytes } = await listen(`${s.url}/radio.mp3`, 500);
    expect(headers.get('icy-metaint')).toBeNull();
    offsetIn(fixture('playlist.mp3'), bytes);
  });

  it('paces in real time times `pace`, with a burst of the last seconds for a listener who joins later', async () => {
    const [slow, fast] = await Promise.all([server({ pace: 1 }), server({ pace: 4 })]);
    const first = listen(`${slow.url}/radio.mp3`, 2000);
    const quick = listen(`${fast.url}/radio.mp3`, 2000);
    await new Promise((r) => setTimeout(r, 2000));
    const late = listen(`${slow.url}/radio.mp3`, 1000);
    const [a, b, c] = await Promise.all([first, quick, late].map(async (l) => seconds((await l).bytes)));
    expect(a).toBeGreaterThan(1.5);
    expect(a).toBeLessThan(2.6);
    expect(b / a).toBeGreaterThan(3.3);
    expect(b / a).toBeLessThan(4.7);
    // 2 s of burst and 1 s live
    expect(c).toBeGreaterThan(2.5);
    expect(c).toBeLessThan(4.5);
  });

  it('starts an Ogg listener who joins mid-programme with the Vorbis header pages, then pages from the join', async () => {
    const s = await server({ pace: 20 });
    await listen(`${s.url}/radio.ogg`, 200); // starts the broadcast clock
    await new Promise((r) => setTimeout(r, 1000));
    const { headers, bytes } = await listen(`${s.url}/radio.ogg`, 600);
    expect(headers.get('content-type')).toBe('application/ogg');
    const file = fixture('playlist.ogg');
    const headerBytes = file.indexOf('OggS', file.indexOf('OggS', 1) + 1); // pages 0 and 1: identification; comment and setup
    expect(bytes.subarray(0, headerBytes).equals(file.subarray(0, headerBytes))).toBe(true);
    const rest = bytes.subarray(headerBytes);
    const at = offsetIn(file, rest);
    const joinedAt = Number(file.readBigInt64LE(at + 6)) / 44100; // the first page's granule: where its audio ends
    expect(joinedAt).toBeGreaterThan(15);
    expect(joinedAt).toBeLessThan(40);
    expect(sniff(bytes)).toEqual({ format: 'ogg-vorbis' });
    expect(await seconds(bytes)).toBeGreaterThan(10);
  });

  it('starts the programme again on restart(), for the listeners already there too', async () => {
    const s = await server({ pace: 20 });
    const listening = listen(`${s.url}/radio.mp3`, 1200);
    await new Promise((r) => setTimeout(r, 600));
    s.restart('/radio.mp3');
    const { bytes } = await listening;
    const file = fixture('playlist.mp3');
    const again = bytes.indexOf(file.subarray(0, 4096), 1);
    expect(again).toBeGreaterThan(0);
    expect(offsetIn(file, bytes.subarray(0, again))).toBe(0);
    expect(offsetIn(file, bytes.subarray(again))).toBe(0);
    expect(await seconds(bytes.subarray(0, again))).toBeGreaterThan(8);
  });

  it('cuts listeners off on dropAll() and counts them', async () => {
    const s = await server();
    const res = await fetch(`${s.url}/radio.mp3`);
    const reader = res.body!.getReader();
    await reader.read();
    expect(s.listeners('/radio.mp3')).toBe(1);
    expect(s.listeners('/radio.ogg')).toBe(0);
    s.dropAll('/radio.mp3');
    const ended = (async () => {
      for (;;) if ((await reader.read()).done) return 'done';
    })().catch(() => 'dropped');
    expect(await Promise.race([ended, new Promise((r) => setTimeout(() => r('still open'), 1000))])).toBe('dropped');
    expect(s.listeners()).toBe(0);
  });

  it('fails like broken stations do', async () => {
    const s = await server();
    await expect(fetch(`${s.url}/hang.mp3`, { signal: AbortSignal.timeout(1000) })).rejects.toThrow(/timeout|aborted/i);
    const aac = await fetch(`${s.url}/aac`);
    expect(aac.headers.get('content-type')).toBe('audio/aac');
    expect(sniff(new Uint8Array(await aac.arrayBuffer()))).toEqual({ unsupported: 'AAC (ADTS)', ffmpeg: 'aac' });
    const error = await fetch(`${s.url}/error.mp3`);
    expect(error.status).toBe(503);
    await error.text();
    expect(await seconds(Buffer.from(await (await fetch(`${s.url}/ends.mp3`)).arrayBuffer()))).toBeCloseTo(3, 0);
    const stall = await listen(`${s.url}/stall.mp3`, 500);
    expect(await seconds(stall.bytes)).toBeCloseTo(1, 0);
    const garbage = await listen(`${s.url}/garbage.mp3`, 500);
    expect(garbage.bytes.length).toBeGreaterThan(2000);
    expect((await fetch(`${s.url}/nowhere.mp3`)).status).toBe(404);
  });

  it('closes promptly with listeners still connected', async () => {
    const s = await startStreamServer();
    const hanging = fetch(`${s.url}/hang.mp3`).catch(() => 'closed');
    const live = await fetch(`${s.url}/radio.ogg`);
    await new Promise((r) => setTimeout(r, 100));
    expect(s.listeners()).toBe(2);
    const t = performance.now();
    await s.close();
    expect(performance.now() - t).toBeLessThan(500);
    expect(await hanging).toBe('closed');
    await expect(live.arrayBuffer()).rejects.toThrow();
  });
});
