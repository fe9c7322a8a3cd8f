// Decodes and fingerprints one file per message, off the main thread. The file is decoded
// in pieces straight into the fingerprinter: a 10-minute FLAC decoded whole first would
// hold about 1 GB of samples and copies.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { presets, type EngineConfig, type PresetName } from '../../dsp/src/index';
import { listen } from '../../dsp/src/listen';
import { loadEngineModule } from '../../dsp/src/node';
import { pcm16, SecondBands, SecondLevels } from '../../dsp/src/index';
import { audioSource } from '../decode/source';
import { readTags } from '../tags/index';
import type { FingerprintJob, FingerprintReply } from './protocol';

const module = await loadEngineModule();

parentPort!.on('message', async (job: FingerprintJob) => {
  let reply: FingerprintReply;
  try {
    const bytes = new Uint8Array(await readFile(job.path));
    const preset = job.preset as PresetName;
    const pcm = createHash('sha1');
    let levels: SecondLevels | undefined;
    let bands: SecondBands | undefined;
    const source = audioSource(job.path, bytes);
    const r = await listen(source.pieces, {
      onPcm: (x, rate, channels) => {
        pcm.update(pcm16(x));
        (levels ??= new SecondLevels(rate * channels)).push(x);
        (bands ??= new SecondBands(rate, channels)).push(x);
      },
      engine: module,
      preset,
      config: { ...presets[preset], ...job.overrides } as EngineConfig,
      fromS: job.window?.fromS ?? 0,
      untilS: job.window?.untilS ?? null,
    });
    reply = {
      id: job.id,
      ok: true,
      hash: r.hashes.hash,
      t: r.hashes.t,
      hyp: r.hashes.hyp,
      frames: r.frames,
      envelope: r.envelope,
      quality: r.quality,
      format: source.format ?? r.format,
      pcm: { sha1: pcm.digest('hex'), sampleRate: r.sampleRate, channels: r.channels, durationS: r.decodedS, rmsDbfs: r.quality.rmsDbfs, levels: levels?.finish() ?? [], bands: bands?.finish() ?? new Float32Array() },
      tags: await readTags(bytes, { cover: job.cover }),
      decodeMs: r.decodeMs,
      fingerprintMs: r.fingerprintMs,
    };
  } catch (e) {
    reply = { id: job.id, ok: false, error: (e as Error).message, code: (e as { code?: string }).code };
  }
  const transfer = reply.ok ? [reply.hash.buffer, reply.t.buffer, reply.hyp.buffer, reply.envelope.buffer] : [];
  parentPort!.postMessage(reply, transfer as ArrayBuffer[]);
});
