// Who collects for music in the country of an ISRC's registrant prefix: a heuristic, kept
// here by hand. An ISRC names a recording; societies license works (compositions) and are
// chosen by the songwriters and publishers, who may be anywhere. So this is a guess about
// the likely home society, never a rights statement.

export const SOCIETY_BASIS = 'country of the ISRC registrant; societies license works, not recordings';

/** ISRC prefixes that are not ISO 3166 codes, to the country that issues them. */
export const PREFIX_ALIASES: Record<string, string> = { QM: 'US', QZ: 'US', QT: 'US', UK: 'GB' };

/** Country code -> [country name, performing-rights / mechanical societies]. */
export const SOCIETIES: Record<string, readonly [string, readonly string[]]> = {
  AR: ['Argentina', ['SADAIC']],
  AT: ['Austria', ['AKM', 'austro mechana']],
  AU: ['Australia', ['APRA AMCOS']],
  BE: ['Belgium', ['SABAM']],
  BR: ['Brazil', ['ECAD', 'UBC', 'ABRAMUS']],
  CA: ['Canada', ['SOCAN']],
  CH: ['Switzerland', ['SUISA']],
  CL: ['Chile', ['SCD']],
  CN: ['China', ['MCSC']],
  CO: ['Colombia', ['SAYCO']],
  CZ: ['Czechia', ['OSA']],
  DE: ['Germany', ['GEMA']],
  DK: ['Denmark', ['KODA']],
  EE: ['Estonia', ['EAÜ']],
  EG: ['Egypt', ['SACERAU']],
  ES: ['Spain', ['SGAE']],
  FI: ['Finland', ['Teosto']],
  FR: ['France', ['SACEM']],
  GB: ['United Kingdom', ['PRS for Music']],
  GH: ['Ghana', ['GHAMRO']],
  GR: ['Greece', ['AEPI']],
  HK: ['Hong Kong', ['CASH']],
  HR: ['Croatia', ['HDS-ZAMP']],
  HU: ['Hungary', ['ARTISJUS']],
  ID: ['Indonesia', ['WAMI', 'KCI']],
  IE: ['Ireland', ['IMRO']],
  IL: ['Israel', ['ACUM']],
  IN: ['India', ['IPRS']],
  IS: ['Iceland', ['STEF']],
  IT: ['Italy', ['SIAE']],
  JM: ['Jamaica', ['JACAP']],
  JP: ['Japan', ['JASRAC', 'NexTone']],
  KE: ['Kenya', ['MCSK']],
  KR: ['South Korea', ['KOMCA']],
  LT: ['Lithuania', ['LATGA']],
  LV: ['Latvia', ['AKKA/LAA']],
  MA: ['Morocco', ['BMDAV']],
  MX: ['Mexico', ['SACM']],
  MY: ['Malaysia', ['MACP']],
  NG: ['Nigeria', ['MCSN']],
  NL: ['Netherlands', ['Buma/Stemra']],
  NO: ['Norway', ['TONO']],
  NZ: ['New Zealand', ['APRA AMCOS']],
  PE: ['Peru', ['APDAYC']],
  PH: ['Philippines', ['FILSCAP']],
  PL: ['Poland', ['ZAiKS']],
  PT: ['Portugal', ['SPA']],
  RO: ['Romania', ['UCMR-ADA']],
  RS: ['Serbia', ['SOKOJ']],
  RU: ['Russia', ['RAO']],
  SE: ['Sweden', ['STIM']],
  SG: ['Singapore', ['COMPASS']],
  SI: ['Slovenia', ['SAZAS']],
  SK: ['Slovakia', ['SOZA']],
  SN: ['Senegal', ['SODAV']],
  TH: ['Thailand', ['MCT']],
  TR: ['Türkiye', ['MESAM', 'MSG']],
  TW: ['Taiwan', ['MÜST']],
  TZ: ['Tanzania', ['COSOTA']],
  UA: ['Ukraine', ['UACRR']],
  US: ['United States', ['ASCAP', 'BMI', 'SESAC', 'GMR']],
  UY: ['Uruguay', ['AGADU']],
  VN: ['Vietnam', ['VCPMC']],
  ZA: ['South Africa', ['SAMRO', 'CAPASSO']],
  ZW: ['Zimbabwe', ['ZIMURA']],
};

export interface SocietyGuess {
  country: { code: string; name: string | null };
  societies: string[];
  basis: string;
}

export function societyGuess(prefix: string): SocietyGuess {
  const code = PREFIX_ALIASES[prefix] ?? prefix;
  const entry = SOCIETIES[code];
  return { country: { code, name: entry ? entry[0] : null }, societies: entry ? [...entry[1]] : [], basis: SOCIETY_BASIS };
}
