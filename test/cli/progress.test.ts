import { describe, expect, it, vi } from 'vitest';
import { createProgress } from '#cli/progress';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (chunk: string) => writes.push(chunk) } as unknown as NodeJS.WriteStream, writes };
}

describe('the progress bar', () => {
  it('draws a bar with counts on a terminal and clears it at the end', () => {
    const { stream, writes } = fakeStream(true);
    const progress = createProgress(4, 'sources', stream);
    progress.update(1, 'news-search');
    progress.stop();
    expect(writes).toEqual(['\r\x1b[2K[######..................] 1/4 sources  news-search', '\r\x1b[2K']);
  });

  it('draws nothing when the output is not a terminal', () => {
    const { stream, writes } = fakeStream(false);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const progress = createProgress(4, 'sources', stream);
      progress.update(1, 'news-search');
      progress.log('  news-search new');
      progress.stop();
      expect(writes).toEqual([]);
      expect(stdout).toHaveBeenCalledWith('  news-search new\n');
    } finally {
      stdout.mockRestore();
    }
  });
});
