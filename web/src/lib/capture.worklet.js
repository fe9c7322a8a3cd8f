// @ts-check
// Runs on the audio thread: mixes the microphone down to mono and hands it to the page in
// blocks of ~90 ms (fewer messages than the 128-frame render quanta), with the block's
// peak and RMS for the level meter. Plain JavaScript: the app bundles it as a file, the
// widget loads this very source from a Blob URL (a page cannot load a worklet from our origin).
/* global AudioWorkletProcessor, registerProcessor */

const BLOCK = 4096;

class CaptureProcessor extends AudioWorkletProcessor {
  block = new Float32Array(BLOCK);
  filled = 0;

  /** @param {Float32Array[][]} inputs */
  process(inputs) {
    const channels = inputs[0];
    if (!channels || channels.length === 0) return true;
    const frames = channels[0].length;
    for (let i = 0; i < frames; i++) {
      let v = 0;
      for (const ch of channels) v += ch[i];
      this.block[this.filled++] = v / channels.length;
      if (this.filled === BLOCK) this.send();
    }
    return true;
  }

  send() {
    let peak = 0;
    let power = 0;
    for (const v of this.block) {
      peak = Math.max(peak, Math.abs(v));
      power += v * v;
    }
    const samples = this.block;
    this.port.postMessage({ samples, peak, rms: Math.sqrt(power / BLOCK) }, [samples.buffer]);
    this.block = new Float32Array(BLOCK);
    this.filled = 0;
  }
}

registerProcessor('earshot-capture', CaptureProcessor);
