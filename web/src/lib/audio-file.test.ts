import { describe, expect, it } from 'vitest';
import { checkFile, FileProblem, MAX_FILE_BYTES } from './audio-file';

const file = (name: string, type: string, size = 10) => new File([new Uint8Array(size)], name, { type });

describe('checkFile', () => {
  it('takes audio by type or by extension', () => {
    expect(() => checkFile(file('a.mp3', 'audio/mpeg'))).not.toThrow();
    expect(() => checkFile(file('clip.opus', ''))).not.toThrow();
    expect(() => checkFile(file('video.mp4', 'video/mp4'))).not.toThrow();
  });

  it('refuses empty, oversized and non-audio files with their name in the message', () => {
    expect(() => checkFile(file('empty.wav', 'audio/wav', 0))).toThrow(/"empty.wav" is empty/);
    const big = file('big.wav', 'audio/wav');
    Object.defineProperty(big, 'size', { value: MAX_FILE_BYTES + 1 });
    expect(() => checkFile(big)).toThrow(/larger than 100 MB/);
    expect(() => checkFile(file('notes.txt', 'text/plain'))).toThrow(FileProblem);
  });
});
