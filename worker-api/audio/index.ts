// The engine and the decoders inside the Worker: workerd refuses to compile WebAssembly
// at run time, so every module is imported precompiled and handed to the decoders once.
import dspModule from '../../dsp/build/dsp.wasm';
import flacModule from '../../dsp/build/decoders/flac.wasm';
import mp3Module from '../../dsp/build/decoders/mp3.wasm';
import opusModule from '../../dsp/build/decoders/opus.wasm';
import vorbisModule from '../../dsp/build/decoders/vorbis.wasm';
import { registerDecoderModules } from '../../dsp/src/decode/index';

export { dspModule };

let registered = false;

/** Call before opening a decoder. */
export function useDecoders(): void {
  if (registered) return;
  registerDecoderModules({ mp3: mp3Module, vorbis: vorbisModule, opus: opusModule, flac: flacModule });
  registered = true;
}
