// Icecast/SHOUTcast metadata interleaving: asked for with `Icy-MetaData: 1`, the server
// puts, after every `icy-metaint` audio bytes, one length byte L and L x 16 bytes of text
// (`StreamTitle='Artist - Title';`, NUL padded). The decoder must see the audio bytes only.

/** Largest `icy-metaint` accepted: servers use 8-64 KB; anything else is a broken header. */
export const MAX_METAINT = 1 << 20;

export class IcyDemuxer {
  /** Audio bytes left before the next metadata length byte. */
  private untilMeta: number;
  /** Metadata bytes still to come (-1: the length byte is next). */
  private metaLeft = 0;
  private meta: number[] = [];
  private inMeta = false;

  constructor(
    private readonly metaint: number,
    private readonly onTitle: (title: string) => void,
  ) {
    this.untilMeta = metaint;
  }

  /** The audio bytes of `chunk`, metadata removed. */
  push(chunk: Uint8Array): Uint8Array {
    const audio = new Uint8Array(chunk.length);
    let n = 0;
    for (let i = 0; i < chunk.length; ) {
      if (!this.inMeta) {
        const take = Math.min(this.untilMeta, chunk.length - i);
        audio.set(chunk.subarray(i, i + take), n);
        n += take;
        i += take;
        this.untilMeta -= take;
        if (this.untilMeta === 0) {
          this.inMeta = true;
          this.metaLeft = -1;
        }
      } else if (this.metaLeft === -1) {
        this.metaLeft = chunk[i++] * 16;
        this.meta = [];
        if (this.metaLeft === 0) this.endMeta();
      } else {
        const take = Math.min(this.metaLeft, chunk.length - i);
        for (let k = 0; k < take; k++) this.meta.push(chunk[i + k]);
        i += take;
        this.metaLeft -= take;
        if (this.metaLeft === 0) this.endMeta();
      }
    }
    return audio.subarray(0, n);
  }

  private endMeta(): void {
    this.inMeta = false;
    this.untilMeta = this.metaint;
    if (this.meta.length === 0) return;
    const title = streamTitle(new TextDecoder('utf-8').decode(Uint8Array.from(this.meta)));
    if (title !== null) this.onTitle(title);
  }
}

/** The StreamTitle of a metadata block, or null when it has none. */
export function streamTitle(text: string): string | null {
  const m = /StreamTitle='(.*?)';/s.exec(text.replace(/\0+$/, ''));
  return m ? m[1].trim().slice(0, 200) : null;
}
