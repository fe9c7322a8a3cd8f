// The npm decoders' Emscripten factories: they key the decoders' shared cache of compiled
// modules (WASMAudioDecoderCommon.setModule), which is how workerd, refusing to compile
// WebAssembly at run time, gets our precompiled copies. The packages' `exports` maps publish
// only the decoder classes, and neither a bare subpath nor a package.json `imports` entry
// may point inside node_modules (Node refuses such targets), so this file alone reaches into
// the packages by path. A version that moves the files fails the build, not a request.
import Mp3Factory from '../../../node_modules/mpg123-decoder/src/EmscriptenWasm.js';
import VorbisFactory from '../../../node_modules/@wasm-audio-decoders/ogg-vorbis/src/EmscriptenWasm.js';
import OpusFactory from '../../../node_modules/opus-decoder/src/EmscriptenWasm.js';
import FlacFactory from '../../../node_modules/@wasm-audio-decoders/flac/src/EmscriptenWasm.js';

export const DECODER_FACTORIES = { mp3: Mp3Factory, vorbis: VorbisFactory, opus: OpusFactory, flac: FlacFactory };

export type Codec = keyof typeof DECODER_FACTORIES;
