// The timeline's windows (earshot identify --timeline), apart so that the help can say them.

/**
 * One identify body holds about 8 s of query records with every speed/pitch hypothesis
 * (~3,600 records/s, measured on the corpus); a longer window is packed as the app packs a
 * capture (dsp records.ts fitRecords): all of it as heard, hypotheses for its newest part.
 */
export const TIMELINE_WINDOW_S = 8;
export const MAX_WINDOW_S = 15;
/**
 * A play is dated by its matches' offsets, not by the windows' edges, so gaps between
 * windows cost no precision, only the chance to hear a track shorter than the hop.
 */
export const TIMELINE_HOP_S = 12;
