// Decodes and fingerprints one file per message, off the main thread.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { decodeAudio, interleave } from '../../dsp/src/decode/index';
import { fingerprint, presets, type EngineConfig, type PresetName } from '../../dsp/src/index';
import { loadEngineModule } from '../../dsp/src/node';
import { readTags } from '../tags/index';
import type { FingerprintJob, FingerprintReply } from './protocol';

const module = await loadEngineModule();

parentPort!.on('message', async (job: FingerprintJob) => {
  let reply: FingerprintReply;
  try {
    const bytes = new Uint8Array(await readFile(job.path));
    const t0 = performance.now();
    const audio = await decodeAudio(bytes);
    const t1 = performance.now();
    const r = await fingerprint(module, interleave(audio.channels), {
      sampleRate: audio.sampleRate,
      channels: audio.channels.length,
      config: { ...presets[job.preset as PresetName], ...job.overrides } as EngineConfig,
    });
    const t2 = performance.now();
    reply = {
      id: job.id,
      ok: true,
      hash: r.hashes.hash,
      t: r.hashes.t,
      hyp: r.hashes.hyp,
      frames: r.frames,
      quality: r.quality,
      format: audio.format,
      sha1: createHash('sha1').update(bytes).digest('hex'),
      tags: readTags(bytes, audio.format),
      decodeMs: t1 - t0,
      fingerprintMs: t2 - t1,
    };
  } catch (e) {
    reply = { id: job.id, ok: false, error: (e as Error).message, code: (e as { code?: string }).code };
  }
  const transfer = reply.ok ? [reply.hash.buffer, reply.t.buffer, reply.hyp.buffer] : [];
  parentPort!.postMessage(reply, transfer as ArrayBuffer[]);
});
