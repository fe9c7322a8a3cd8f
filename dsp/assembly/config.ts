// Layout of the configuration block the host fills before init(). The module exports these
// numbers; the host (dsp/src/abi.ts) fills the slots by name and refuses a module whose
// slots it does not all name. Bump FP_VERSION when anything that changes hashes changes.
export const C_RATE: i32 = 0;
export const C_FFT: i32 = 1;
export const C_HOP: i32 = 2;
export const C_F_LO: i32 = 3;
export const C_F_HI: i32 = 4;
export const C_CUTOFF: i32 = 5;
export const C_ZERO_X: i32 = 6;
export const C_PEAK_F_RADIUS: i32 = 7;
export const C_PEAK_T_RADIUS: i32 = 8;
export const C_RANK_WINDOW: i32 = 9;
export const C_RANK_KEEP: i32 = 10;
export const C_FLOOR_DB: i32 = 11;
export const C_TILT: i32 = 12;
export const C_FANOUT: i32 = 13;
export const C_DT_MIN: i32 = 14;
export const C_DT_MAX: i32 = 15;
export const C_DF_MAX: i32 = 16;
export const C_QF: i32 = 17;
export const C_QT: i32 = 18;
export const C_FUZZ: i32 = 19;
export const C_N_HYP: i32 = 20;
export const C_LOUDNESS: i32 = 21;
export const C_HYP_FANOUT: i32 = 22;   // fanout and fuzz of hypotheses other than 0
export const C_HYP_FUZZ: i32 = 23;
export const C_STRONG_FANOUT: i32 = 24; // pairs with the strongest other peaks of the zone
export const C_SMOOTH: i32 = 25;  // frames whose power is averaged before peak picking
export const C_BASS_HZ: i32 = 26;   // a bass band from here up to C_F_LO (0: none),
export const C_BASS_KEEP: i32 = 27; // with a rank budget of its own
export const C_EARLY: i32 = 28;   // as-heard next-peak pairs leave before the zone is final
export const C_EXTRA_KEEP: i32 = 29; // main-band peaks ranked past C_RANK_KEEP that still anchor
export const C_HYP: i32 = 30;     // pairs (time scale, frequency scale)
export const MAX_HYP: i32 = 32;
export const C_SIZE: i32 = C_HYP + 2 * MAX_HYP;
