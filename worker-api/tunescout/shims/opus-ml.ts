// Stands in for @wasm-audio-decoders/opus-ml (4 MB): ogg-opus-decoder loads it only for
// its optional speech enhancement, which Earshot never asks for.
const unavailable = () => {
  throw new Error('Opus speech enhancement is not bundled');
};
export const OpusMLDecoder = unavailable;
export const OpusMLDecoderWebWorker = unavailable;
