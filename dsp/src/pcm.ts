/**
 * Little-endian 16-bit PCM of `x`: what "the decoded audio" means when it is hashed (the
 * TuneScout blob_sha1, dedupe's identical class). Two lossless encodings of one recording
 * decode to the same bytes here.
 */
export function pcm16(x: Float32Array): Uint8Array {
  const out = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v >= 1 ? 32767 : v <= -1 ? -32768 : Math.round(v * 32767) || 0;
  }
  return new Uint8Array(out.buffer);
}
