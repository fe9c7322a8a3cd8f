// Progress of a long run: on a terminal one redrawn bar (files/s, ETA) with notable
// lines scrolling above it; otherwise plain lines, plus a progress line every few seconds,
// so logs and CI output stay readable.
const BAR = 30;
const PLAIN_EVERY_MS = 5000;

function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.round(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export class Progress {
  private done = 0;
  private readonly t0 = Date.now();
  private lastPlain = Date.now();
  private timer?: NodeJS.Timeout;

  constructor(
    private total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly tty = Boolean(out.isTTY),
  ) {
    if (this.tty) this.timer = setInterval(() => this.draw(), 250).unref();
  }

  /** On a terminal the bar stands for routine lines: print only what needs attention. */
  get quiet(): boolean {
    return this.tty;
  }

  /** One file finished; `line` is printed when given. */
  tick(line?: string): void {
    this.done++;
    if (line) this.say(line);
    if (!this.tty && Date.now() - this.lastPlain >= PLAIN_EVERY_MS) {
      this.lastPlain = Date.now();
      this.out.write(`progress ${this.status()}\n`);
    }
  }

  say(line: string): void {
    if (this.tty) this.out.write(`\r\x1b[2K${line}\n`);
    else this.out.write(`${line}\n`);
    if (this.tty) this.draw();
  }

  private status(): string {
    const s = (Date.now() - this.t0) / 1000;
    const rate = this.done / Math.max(s, 1e-3);
    const eta = rate > 0 ? (this.total - this.done) / rate : Infinity;
    return `${this.done}/${this.total} files  ${rate.toFixed(1)} files/s  ETA ${duration(eta)}`;
  }

  private draw(): void {
    const filled = this.total > 0 ? Math.round((BAR * this.done) / this.total) : BAR;
    this.out.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${this.status()}`);
  }

  finish(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.tty) this.out.write('\r\x1b[2K');
  }
}
