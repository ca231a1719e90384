// Small measuring tools shared by the benchmarks: a stopwatch that also reads the CPU time the
// process used (all threads), a resident-memory sampler (with the anonymous and file-backed parts
// where Linux says), and progress lines on stdout.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const started = performance.now();

/** A progress line, prefixed with the time since the benchmark started. */
export function progress(line: string): void {
  const memory = process.memoryUsage();
  const split = residentSplit();
  const anonymous = split
    ? ` anon ${Math.round(split.anonymousBytes / MB)} file ${Math.round(split.fileBytes / MB)}`
    : '';
  const rss = `${Math.round(memory.rss / MB)}/${Math.round(memory.heapUsed / MB)}/${Math.round(memory.heapTotal / MB)} MB${anonymous}`;
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
 * per named phase, and where the system says (Linux), the peak of anonymous memory and the
 * file-backed part at the resident peak. Timers wait while the main thread is busy, so the
 * process's own high-water mark (process.resourceUsage().maxRSS) is reported beside it.
 */
export class RssSampler {
  private readonly peaks = new Map<string, { rss: number; fileAtPeak: number | null; anonymous: number | null }>();
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
    const split = residentSplit();
    const peak = this.peaks.get(this.phase) ?? { rss: 0, fileAtPeak: null, anonymous: null };
    if (rss > peak.rss) {
      peak.rss = rss;
      peak.fileAtPeak = split?.fileBytes ?? null;
    }
    if (split) peak.anonymous = Math.max(peak.anonymous ?? 0, split.anonymousBytes);
    this.peaks.set(this.phase, peak);
  }

  peakOf(phase: string): number {
    return this.peaks.get(phase)?.rss ?? 0;
  }

  /** The peak of anonymous memory in a phase; null where the system does not tell. */
  anonymousPeakOf(phase: string): number | null {
    return this.peaks.get(phase)?.anonymous ?? null;
  }

  /** The file-backed part of the resident set when it peaked in a phase; null where the system does not tell. */
  fileAtPeakOf(phase: string): number | null {
    return this.peaks.get(phase)?.fileAtPeak ?? null;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export interface ResidentSplit {
  /** Memory the process allocated itself: heaps, native allocations, thread stacks. */
  anonymousBytes: number;
  /** Pages of files mapped into memory (the node binary and libraries, LevelDB's table files): page cache the system can reclaim. */
  fileBytes: number;
}

/** How the resident set splits into anonymous and file-backed memory, where the system says (Linux); undefined elsewhere. */
export function residentSplit(): ResidentSplit | undefined {
  let status: string;
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    return undefined;
  }
  const kilobytes = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  const anonymousBytes = kilobytes('RssAnon');
  const fileBytes = kilobytes('RssFile') + kilobytes('RssShmem');
  return Number.isFinite(anonymousBytes) && Number.isFinite(fileBytes) ? { anonymousBytes, fileBytes } : undefined;
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
