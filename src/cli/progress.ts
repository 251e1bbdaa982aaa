/**
 * Progress on stderr for long commands: a redrawn bar on a terminal, a line every few seconds
 * otherwise (CI logs). stdout is never touched, so JSON output stays clean.
 */
export class Progress {
  private lastLine = 0;
  private readonly tty: boolean;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly label: string,
    private readonly everyMs = 5000,
  ) {
    this.tty = Boolean((out as NodeJS.WriteStream).isTTY);
  }

  update(fraction: number, detail: string): void {
    const f = Math.max(0, Math.min(1, fraction));
    if (this.tty) {
      const width = 30;
      const bar = '#'.repeat(Math.round(f * width)).padEnd(width, '.');
      this.out.write(`\r${this.label} [${bar}] ${(f * 100).toFixed(0).padStart(3)}% ${detail}\x1b[K`);
      return;
    }
    const now = Date.now();
    if (now - this.lastLine >= this.everyMs) {
      this.lastLine = now;
      this.out.write(`${this.label}: ${(f * 100).toFixed(0)}% ${detail}\n`);
    }
  }

  done(summary: string): void {
    this.out.write(`${this.tty ? '\r' : ''}${this.label}: done, ${summary}${this.tty ? '\x1b[K' : ''}\n`);
  }
}
