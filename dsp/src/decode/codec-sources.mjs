// Where each npm decoder keeps its Emscripten module factory. The packages' `exports` maps
// open only index.js, so these are file paths: the build extracts the wasm bytes from them
// (workerd cannot compile wasm at run time) and the Worker registers the precompiled
// modules under the very same factories (codecs.ts).
export const CODEC_SOURCES = {
  mp3: 'node_modules/mpg123-decoder/src/EmscriptenWasm.js',
  vorbis: 'node_modules/@wasm-audio-decoders/ogg-vorbis/src/EmscriptenWasm.js',
  opus: 'node_modules/opus-decoder/src/EmscriptenWasm.js',
  flac: 'node_modules/@wasm-audio-decoders/flac/src/EmscriptenWasm.js',
};
