// MP4/M4A (AAC, ALAC) and ADTS AAC through ffmpeg: Node CLI only, since npm has no decoder
// for them that an MIT project can ship (docs/formats.md). ffmpeg opens the file itself
// (an M4A's index often sits at its end, out of reach of a pipe) and writes float WAV to
// its stdout, read as it comes: a pipe's worth of memory whatever the file's length.
import { spawn } from 'node:child_process';
import { AudioDecodeError } from '../../dsp/src/decode/index';

export const NO_FFMPEG = 'install ffmpeg (and put it on PATH) to read M4A/AAC/ALAC files';

/** The end of ffmpeg's stderr kept as a failure's cause: its last lines say why. */
const STDERR_KEEP = 4096;

/**
 * `path` (a file of the format `what`, as sniff names it) decoded to a WAV byte stream.
 * Throws AudioDecodeError: 'unsupported' without ffmpeg, 'corrupt' when ffmpeg fails.
 */
export async function* ffmpegWav(path: string, what: string): AsyncGenerator<Uint8Array> {
  // file: keeps a name with a colon from reading as one of ffmpeg's protocols
  const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', '-i', `file:${path}`, '-map', '0:a:0', '-map_metadata', '-1', '-c:a', 'pcm_f32le', '-f', 'wav', '-'];
  const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-STDERR_KEEP)));
  let failedToStart: NodeJS.ErrnoException | null = null;
  child.on('error', (e) => (failedToStart = e));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  // a reader that stops early ends this loop, which closes the pipe: ffmpeg's next write
  // fails and it exits
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    // plain views: listen() copies pieces with slice(), which on a Buffer copies nothing
    yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  const code = await exited;
  if (failedToStart) throw noFfmpeg(what, failedToStart);
  if (code !== 0) {
    throw new AudioDecodeError('corrupt', `ffmpeg could not decode this ${what} file: it is damaged or holds no audio track`, { cause: stderr.trim() });
  }
}

function noFfmpeg(what: string, e: NodeJS.ErrnoException): AudioDecodeError {
  const why = e.code === 'ENOENT' ? NO_FFMPEG : `ffmpeg could not be started (${e.message})`;
  return new AudioDecodeError('unsupported', `unsupported format: ${what} — ${why}`, { cause: e });
}
