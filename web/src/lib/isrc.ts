// The API's ISRC lookup, for the result card's rights-society line (labelled as a guess).
import { host } from './host';

export interface SocietyGuess {
  societies: string[];
  country: string | null;
}

/** Null when the lookup fails: the card simply shows no guess. */
export async function societyGuess(isrc: string): Promise<SocietyGuess | null> {
  try {
    const res = await fetch(`${host().apiBase}/api/v1/isrc/${encodeURIComponent(isrc)}`);
    if (!res.ok) return null;
    const a = (await res.json()) as { country: { name: string | null }; rights_society_guess: { societies: string[] } };
    return { societies: a.rights_society_guess.societies, country: a.country.name };
  } catch {
    return null;
  }
}
