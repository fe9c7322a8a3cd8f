// ISRC (ISO 3901): CC-XXX-YY-NNNNN. Country code of the registrant's prefix, a registrant
// code of 3 letters or digits, the year of reference (2 digits), a designation (5 digits).

export interface Isrc {
  /** 12 characters, upper case, no separators. */
  isrc: string;
  hyphenated: string;
  countryCode: string;
  registrant: string;
  /** Four digits, from the two of the code (YY above this year's two means the 1900s). */
  year: number;
  designation: string;
}

/** The normal form of `input`, or why it is not an ISRC. */
export function parseIsrc(input: string, now = new Date()): { ok: Isrc } | { problem: string } {
  const s = input.trim().replace(/^isrc[\s:]*/i, '').replace(/[\s-]/g, '').toUpperCase();
  if (s.length !== 12) return { problem: `an ISRC has 12 characters without separators, this has ${s.length}` };
  const cc = s.slice(0, 2);
  const registrant = s.slice(2, 5);
  const yy = s.slice(5, 7);
  const designation = s.slice(7);
  if (!/^[A-Z]{2}$/.test(cc)) return { problem: `the country code (characters 1-2) must be two letters, not "${cc}"` };
  if (!/^[A-Z0-9]{3}$/.test(registrant)) return { problem: `the registrant code (characters 3-5) must be letters or digits, not "${registrant}"` };
  if (!/^\d{2}$/.test(yy)) return { problem: `the year (characters 6-7) must be two digits, not "${yy}"` };
  if (!/^\d{5}$/.test(designation)) return { problem: `the designation (characters 8-12) must be five digits, not "${designation}"` };
  const y = Number(yy);
  const century = y > now.getUTCFullYear() % 100 ? 1900 : 2000;
  return {
    ok: { isrc: s, hyphenated: `${cc}-${registrant}-${yy}-${designation}`, countryCode: cc, registrant, year: century + y, designation },
  };
}
