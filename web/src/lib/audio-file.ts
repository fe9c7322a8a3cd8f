// Identify from a file: check it, decode it in the browser, mix it to mono.
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Decoded at this rate: plenty for the engine (8 kHz inside), small for long files. */
export const FILE_RATE = 16000;
/** A query needs a few seconds; more than this only costs time. */
export const MAX_FILE_SECONDS = 30;
const AUDIO_EXT = /\.(wav|mp3|m4a|aac|ogg|oga|opus|flac|webm|weba|mp4)$/i;

export class FileProblem extends Error {
  name = 'FileProblem';
}

export function checkFile(file: File): void {
  if (file.size === 0) throw new FileProblem(`"${file.name}" is empty.`);
  if (file.size > MAX_FILE_BYTES) throw new FileProblem(`"${file.name}" is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
  if (!file.type.startsWith('audio/') && !file.type.startsWith('video/') && !AUDIO_EXT.test(file.name)) {
    throw new FileProblem(`"${file.name}" does not look like an audio file.`);
  }
}

/** Mono samples at FILE_RATE, at most MAX_FILE_SECONDS of them. */
export async function decodeFile(file: File): Promise<Float32Array> {
  checkFile(file);
  const ctx = new OfflineAudioContext(1, 1, FILE_RATE);
  let buffer: AudioBuffer;
  try {
    buffer = await ctx.decodeAudioData(await file.arrayBuffer());
  } catch {
    throw new FileProblem(`"${file.name}" could not be decoded: the format is not supported or the file is damaged.`);
  }
  const n = Math.min(buffer.length, MAX_FILE_SECONDS * FILE_RATE);
  if (buffer.duration < 1) throw new FileProblem(`"${file.name}" is shorter than one second.`);
  const mono = new Float32Array(n);
  for (let c = 0; c < buffer.numberOfChannels; c++) {
    const ch = buffer.getChannelData(c);
    for (let i = 0; i < n; i++) mono[i] += ch[i] / buffer.numberOfChannels;
  }
  return mono;
}
