// Moved to dsp/testing/synth.ts (test support, not engine source). Only dsp/src/matcher's
// tests still import it from here: delete this file once they import ../../testing/synth.
export * from '../testing/synth';
