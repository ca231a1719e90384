// bin/compiled.js: the CLI's TypeScript compiled once and rebuilt when a source changes. Checked on
// a small project of our own: a module that finds a data file from its own place, imported by the
// entry, so that the bundle must point it at the source folder, not the cache.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compiled as compile, REPOSITORY, WORKER_ENTRY } from '../../bin/compiled.js';

function project(): { root: string; cacheDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'congruence-compiled-'));
  mkdirSync(join(root, 'src', 'words'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(root, 'src', 'words', 'greeting.txt'), 'hello from the source folder');
  writeFileSync(
    join(root, 'src', 'words', 'greeting.ts'),
    "import { readFileSync } from 'node:fs';\nexport const greeting = (): string => readFileSync(new URL('./greeting.txt', import.meta.url), 'utf8');\n",
  );
  writeFileSync(
    join(root, 'src', 'main.ts'),
    "import { greeting } from './words/greeting';\nconst shout = (text: string): string => text.toUpperCase();\nconsole.log(shout(greeting()));\n",
  );
  return { root, cacheDir: join(root, 'cache') };
}

function run(url: string): string {
  const result = spawnSync(process.execPath, [fileURLToPath(url)], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout.trim();
}

describe('the compiled CLI', () => {
  it('builds once, finds a module’s data files where its source is, and rebuilds when a source changes', async () => {
    const { root, cacheDir } = project();
    const first = await compile('app', { main: 'src/main.ts' }, { root, cacheDir });
    expect(first.built).toBe(true);
    expect(fileURLToPath(first.urls.main as string)).toBe(join(cacheDir, 'app', 'main.mjs'));
    expect(run(first.urls.main as string)).toBe('HELLO FROM THE SOURCE FOLDER');

    const again = await compile('app', { main: 'src/main.ts' }, { root, cacheDir });
    expect(again.built).toBe(false);

    // the imported module edited: same entry, new behaviour
    writeFileSync(join(root, 'src', 'words', 'greeting.ts'), "export const greeting = (): string => 'edited';\n");
    const edited = await compile('app', { main: 'src/main.ts' }, { root, cacheDir });
    expect(edited.built).toBe(true);
    expect(run(edited.urls.main as string)).toBe('EDITED');
  });

  it('rebuilds when a source is touched with the same size, or package.json changes', async () => {
    const { root, cacheDir } = project();
    await compile('app', { main: 'src/main.ts' }, { root, cacheDir });
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'src', 'main.ts'), later, later);
    expect((await compile('app', { main: 'src/main.ts' }, { root, cacheDir })).built).toBe(true);
    expect((await compile('app', { main: 'src/main.ts' }, { root, cacheDir })).built).toBe(false);
    writeFileSync(join(root, 'package.json'), '{ "type": "module", "imports": {} }\n');
    expect((await compile('app', { main: 'src/main.ts' }, { root, cacheDir })).built).toBe(true);
  });

  it('builds the analyzer pool so that its worker thread starts from the bundle beside it and scores as the analyzer does', async () => {
    // inside the repository, so the bundles' packages resolve from its node_modules
    const cacheDir = join(REPOSITORY, 'node_modules', '.cache', `congruence-test-${process.pid}`);
    const { urls } = await compile(
      'pool',
      {
        pool: 'shared/adapters/analyzers/local/local-analyzer-pool.ts',
        analyzer: 'shared/adapters/analyzers/local/local-analyzer.ts',
        ...WORKER_ENTRY,
      },
      { cacheDir },
    );
    try {
      const script = `
        const { createLocalAnalyzerPool } = await import(${JSON.stringify(urls.pool)});
        const { createLocalAnalyzer } = await import(${JSON.stringify(urls.analyzer)});
        const texts = ['The repair was free and quick.', 'They charged me for a repair, shameful.', 'Delivery took three weeks.'];
        const documents = Array.from({ length: 60 }, (_, index) => {
          const text = texts[index % 3] + ' Order ' + index + '.';
          return { id: 'd' + index, text, sentences: [text] };
        });
        const pool = createLocalAnalyzerPool({ threads: 1, threadsAfterDocuments: 0, minDocumentsPerThread: 1 });
        await pool.ready();
        const fromThread = await pool.analyze(documents);
        const inline = await createLocalAnalyzer().analyze(documents);
        await pool.close();
        console.log(JSON.stringify({ n: fromThread.results.length, same: JSON.stringify(fromThread.results) === JSON.stringify(inline.results) }));
      `;
      // a file, not `-e`: a worker thread inherits the process's flags, and --input-type is not one it takes
      const scriptPath = join(cacheDir, 'check.mjs');
      writeFileSync(scriptPath, script);
      const result = spawnSync(process.execPath, [scriptPath], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({ n: 60, same: true });
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('fails with the compiler’s message on a source that does not compile, and writes no bundle', async () => {
    const { root, cacheDir } = project();
    writeFileSync(join(root, 'src', 'main.ts'), 'const broken = ;\n');
    await expect(compile('app', { main: 'src/main.ts' }, { root, cacheDir })).rejects.toThrow(
      /main\.ts.*Unexpected ";"/s,
    );
    expect(existsSync(join(cacheDir, 'app'))).toBe(false);
  });
});
