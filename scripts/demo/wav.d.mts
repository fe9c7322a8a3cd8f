// Types of wav.mjs.
export declare function encodeWav(samples: Float32Array, rate: number, channels?: number): Buffer;
