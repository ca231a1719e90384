// A one-line progress bar on stderr, shown only when stderr is a terminal (never in pipes, CI or --json).

export interface Progress {
  update(done: number, label: string): void;
  /** Prints a line above the bar without breaking it. */
  log(line: string): void;
  stop(): void;
}

export function createProgress(total: number, unit: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) {
    return { update: () => undefined, log: (line) => process.stdout.write(`${line}\n`), stop: () => undefined };
  }
  let current = '';
  const width = 24;
  const draw = () => stream.write(`\r\x1b[2K${current}`);
  return {
    update(done, label) {
      const filled = total === 0 ? width : Math.round((done / total) * width);
      current = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${unit}  ${label}`;
      draw();
    },
    log(line) {
      stream.write('\r\x1b[2K');
      process.stdout.write(`${line}\n`);
      draw();
    },
    stop() {
      stream.write('\r\x1b[2K');
    },
  };
}
