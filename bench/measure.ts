// Small measuring tools shared by the benchmarks: a stopwatch that also reads the CPU time the
// process used (all threads), a resident-memory sampler, and progress lines on stdout.
import { cpus, loadavg } from 'node:os';

const started = performance.now();

/** A progress line, prefixed with the time since the benchmark started. */
export function progress(line: string): void {
  const memory = process.memoryUsage();
  const rss = `${Math.round(memory.rss / MB)}/${Math.round(memory.heapUsed / MB)}/${Math.round(memory.heapTotal / MB)} MB`;
  process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s ${rss}] ${line}\n`);
}

export interface Lap {
  ms: number;
  /** CPU time of the whole process (every thread) during the lap. */
  cpuMs: number;
}

/** Wall and CPU time accumulated over one or more laps. */
export class Stopwatch {
  ms = 0;
  cpuMs = 0;

  async time<T>(work: () => Promise<T>): Promise<T> {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    try {
      return await work();
    } finally {
      this.add({ ms: performance.now() - wall, cpuMs: cpuMsSince(cpu) });
    }
  }

  add(lap: Lap): void {
    this.ms += lap.ms;
    this.cpuMs += lap.cpuMs;
  }
}

export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * Samples the resident set size every `everyMs` (it includes worker threads), keeping the peak
 * per named phase. Timers wait while the main thread is busy, so the process's own high-water mark
 * (process.resourceUsage().maxRSS) is reported beside it.
 */
export class RssSampler {
  private readonly peaks = new Map<string, number>();
  private phase = 'start';
  private readonly timer: NodeJS.Timeout;

  constructor(everyMs = 100) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  enter(phase: string): void {
    this.sample();
    this.phase = phase;
    this.sample();
  }

  sample(): void {
    const rss = process.memoryUsage.rss();
    this.peaks.set(this.phase, Math.max(this.peaks.get(this.phase) ?? 0, rss));
  }

  peakOf(phase: string): number {
    return this.peaks.get(phase) ?? 0;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** The process's highest resident set size so far, in bytes. */
export function maxRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export interface MachineDescription {
  cores: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started: other work on the machine slows every figure. */
  loadAverageAtStart: number;
}

export function describeMachine(totalMemBytes: number): MachineDescription {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((totalMemBytes / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

export const MB = 1024 * 1024;

export function perSecond(count: number, ms: number): number {
  return ms > 0 ? Math.round((count / ms) * 1000) : 0;
}
