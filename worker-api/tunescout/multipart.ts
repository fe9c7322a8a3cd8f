// multipart/form-data read as it arrives (RFC 7578): an upload's file part is handed on in
// pieces, never held whole, so a 10-minute FLAC fits a Worker's 128 MB. The total is
// counted on the bytes actually read: a missing or lying Content-Length changes nothing.

import { concatBytes } from '../../dsp/src/index';

export class MultipartError extends Error {
  constructor(
    readonly kind: 'malformed' | 'too_large',
    message: string,
  ) {
    super(message);
    this.name = 'MultipartError';
  }
}

export interface PartHead {
  name: string;
  filename: string | null;
  contentType: string | null;
}

/** The boundary of a multipart/form-data Content-Type, or null for any other type. */
export function boundaryOf(contentType: string | null): string | null {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return null;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

const CRLF = new Uint8Array([13, 10]);
const MAX_HEADER_BYTES = 8 * 1024;
const MAX_PREAMBLE_BYTES = 4 * 1024;
const HEADER_TOO_LONG = `a part header is longer than ${MAX_HEADER_BYTES / 1024} KB`;
const PREAMBLE_TOO_LONG = `no multipart boundary within the first ${MAX_PREAMBLE_BYTES / 1024} KB (the preamble is limited to that)`;

function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  for (let i = hay.indexOf(first, from); i !== -1 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** `name="value"` parameters of a header (quoted strings may hold escaped quotes). */
function headerParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  const re = /;\s*([A-Za-z0-9*_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    params.set(m[1].toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]);
  }
  return params;
}

function parseHead(raw: string): PartHead {
  let disposition: string | null = null;
  let contentType: string | null = null;
  for (const line of raw.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-disposition') disposition = value;
    else if (key === 'content-type') contentType = value;
  }
  if (!disposition || !/^form-data\b/i.test(disposition)) throw new MultipartError('malformed', 'a part has no Content-Disposition: form-data header');
  const p = headerParams(disposition);
  const name = p.get('name');
  if (name === undefined) throw new MultipartError('malformed', 'a part has no name');
  let filename = p.get('filename') ?? null;
  const extended = p.get('filename*');
  if (extended) {
    const m = /^utf-8''(.*)$/i.exec(extended);
    if (m) {
      try {
        filename = decodeURIComponent(m[1]);
      } catch {
        // a broken RFC 5987 value: keep the plain filename, if any
      }
    }
  }
  return { name, filename, contentType };
}

export class MultipartReader {
  private buf: Uint8Array = new Uint8Array(0);
  private ended = false;
  private total = 0;
  /** "\r\n--boundary": what ends each part. */
  private readonly delimiter: Uint8Array;
  private state: 'start' | 'between' | 'body' | 'done' = 'start';

  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    boundary: string,
    private readonly maxBytes: number,
  ) {
    this.delimiter = new TextEncoder().encode(`\r\n--${boundary}`);
  }

  /** Bytes of the body read so far. */
  get bytesRead(): number {
    return this.total;
  }

  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    const { done, value } = await this.reader.read();
    if (done) {
      this.ended = true;
      return false;
    }
    this.total += value.byteLength;
    if (this.total > this.maxBytes) {
      await this.reader.cancel().catch(() => {});
      throw new MultipartError('too_large', `the body is larger than ${this.maxBytes} bytes`);
    }
    this.buf = concatBytes([this.buf, value]);
    return true;
  }

  /** The next part's head, or null after the closing delimiter. Skips what is left of the current part. */
  async next(): Promise<PartHead | null> {
    if (this.state === 'body') for await (const _ of this.body()) void _;
    if (this.state === 'done') return null;
    if (this.state === 'start') {
      // the first delimiter may open the body without its CRLF, after an optional preamble
      const open = this.delimiter.subarray(2);
      let at: number;
      while ((at = indexOf(this.buf, open)) < 0 || this.buf.length < at + open.length + 2) {
        if (this.buf.length > MAX_PREAMBLE_BYTES + open.length + 2) throw new MultipartError('malformed', PREAMBLE_TOO_LONG);
        if (!(await this.fill())) throw new MultipartError('malformed', 'the body ends before its first multipart boundary');
      }
      // the whole body may arrive at once: the cap holds wherever the boundary was found
      if (at > MAX_PREAMBLE_BYTES) throw new MultipartError('malformed', PREAMBLE_TOO_LONG);
      this.buf = this.buf.subarray(at + open.length);
      this.state = 'between';
    }
    // after a delimiter: "--" closes the body, else optional whitespace then CRLF and a head
    while (this.buf.length < 2) if (!(await this.fill())) throw new MultipartError('malformed', 'the body ends after a boundary');
    if (this.buf[0] === 45 && this.buf[1] === 45) {
      this.state = 'done';
      return null;
    }
    let end: number;
    while ((end = indexOf(this.buf, new Uint8Array([13, 10, 13, 10]))) < 0) {
      if (this.buf.length > MAX_HEADER_BYTES) throw new MultipartError('malformed', HEADER_TOO_LONG);
      if (!(await this.fill())) throw new MultipartError('malformed', 'the body ends inside a part header');
    }
    if (end > MAX_HEADER_BYTES) throw new MultipartError('malformed', HEADER_TOO_LONG);
    const lineEnd = indexOf(this.buf, CRLF);
    if (this.buf.subarray(0, lineEnd).some((c) => c !== 32 && c !== 9)) throw new MultipartError('malformed', 'junk after a multipart boundary');
    const head = parseHead(new TextDecoder().decode(this.buf.subarray(lineEnd + 2, end + 2)));
    this.buf = this.buf.subarray(end + 4);
    this.state = 'body';
    return head;
  }

  /** The current part's content, in pieces as they arrive. */
  async *body(): AsyncGenerator<Uint8Array> {
    if (this.state !== 'body') return;
    const d = this.delimiter;
    for (;;) {
      const at = indexOf(this.buf, d);
      if (at >= 0) {
        const piece = this.buf.subarray(0, at);
        this.buf = this.buf.subarray(at + d.length);
        this.state = 'between';
        if (piece.length) yield piece;
        return;
      }
      // all but a tail that could be the start of the delimiter is content
      const safe = this.buf.length - (d.length - 1);
      if (safe > 0) {
        const piece = this.buf.subarray(0, safe);
        this.buf = this.buf.subarray(safe);
        yield piece;
      }
      if (!(await this.fill())) throw new MultipartError('malformed', 'the body ends inside a part (no closing boundary)');
    }
  }

  /**
   * Reads what is left of the body without looking at it: a client still sending when the
   * answer comes would see its connection closed (Python requests raises then).
   */
  async discard(): Promise<void> {
    while (await this.fill()) this.buf = new Uint8Array(0);
    this.state = 'done';
  }

  /** The current part as text, refusing more than `max` bytes. */
  async text(max: number): Promise<string> {
    const pieces: Uint8Array[] = [];
    let n = 0;
    for await (const p of this.body()) {
      n += p.length;
      if (n > max) throw new MultipartError('malformed', `a form field is longer than ${max} bytes`);
      pieces.push(p);
    }
    return new TextDecoder().decode(concatBytes(pieces));
  }
}
