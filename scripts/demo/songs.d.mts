// Types of songs.mjs (plain JS so that Node runs it without a TypeScript loader).
export declare const DEMO_RATE: number;
export declare const DEMO_SECONDS: number;
export interface DemoTrack {
  seed: number;
  file: string;
  title: string;
  artist: string;
  album: string;
  isrc: string;
  external_id: string;
}
export declare const DEMO_TRACKS: DemoTrack[];
export declare const UNKNOWN_SEED: number;
export declare function renderSong(seed: number, seconds?: number, rate?: number): Float32Array;
