// The engine's test support as the products' tests see it: synthetic songs (pure: it runs in
// workerd too). The golden pins read files, so scripts/golden imports them directly.
export * from './synth';
export * from './envelopes';
