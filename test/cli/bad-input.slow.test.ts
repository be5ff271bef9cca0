// Bad input through the real CLI: each case gives a clear message with file and line, exit 1 or 2, and
// never a stack trace.

import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, childEnv, ensureBuilt, expectNoCrash, FIXTURES, kcfg, tempCacheDir, type Run } from './helpers.js';

const FILES = join(FIXTURES, 'files');
let cache: string;
let tmp: string;
let env: NodeJS.ProcessEnv;

/** Nine levels of nine aliases: 387 million leaves once expanded. */
function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return lines.join('\n') + '\n';
}

function json(run: Run): {
  diagnostics: {
    code: string;
    severity: string;
    message: string;
    environments: string[];
    source?: { file: string; line: number; column: number };
  }[];
} {
  return JSON.parse(run.stdout) as ReturnType<typeof json>;
}

beforeAll(() => {
  ensureBuilt();
  cache = tempCacheDir();
  tmp = mkdtempSync(join(tmpdir(), 'kcfg-bad-input-'));
  env = childEnv({ KCFG_CACHE_DIR: cache });
});

afterAll(() => {
  rmSync(cache, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

describe('kcfg validate FILE', () => {
  it('malformed YAML: file:line:column of the syntax error, exit 1', async () => {
    const run = await kcfg(['validate', 'malformed.yaml'], { cwd: FILES, env });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^malformed\.yaml$/m);
    expect(run.stdout).toMatch(/^\s+\d+:\d+\s+error .* yaml\/syntax/m);
    const [d] = json(await kcfg(['validate', 'malformed.yaml', '--format', 'json'], { cwd: FILES, env })).diagnostics;
    expect(d).toMatchObject({ code: 'yaml/syntax', severity: 'error', source: { file: 'malformed.yaml' } });
    // The unterminated quote opens on line 6; the parser may only notice at the end of the document.
    expect(d!.source!.line).toBeGreaterThanOrEqual(6);
  });

  it('duplicate mapping key: the second key, exit 1', async () => {
    const run = await kcfg(['validate', 'duplicate-key.yaml', '--format', 'json'], { cwd: FILES, env });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(json(run).diagnostics).toEqual([
      expect.objectContaining({
        code: 'yaml/duplicate-key',
        source: expect.objectContaining({ file: 'duplicate-key.yaml', line: 7, column: 5 }),
      }),
    ]);
  });

  it('unknown kind fails closed with a schema error at its kind line, exit 1', async () => {
    const run = await kcfg(['validate', 'unknown-kind.yaml'], { cwd: FILES, env });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/2:1\s+error no schema for widgets\.example\.com\/v1 Widget/);
    expect(run.stdout).toContain('allowUnknownKinds');
    const allowed = await kcfg(
      ['validate', 'unknown-kind.yaml', '--allow-unknown-kinds', 'widgets.example.com/Widget'],
      { cwd: FILES, env },
    );
    expect(allowed.code).toBe(0);
  });

  it('a document that is not an object is reported at its first line; the valid one is still checked', async () => {
    const run = await kcfg(['validate', 'non-object.yaml', '--format', 'json'], { cwd: FILES, env });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { environments: { resources: number }[]; diagnostics: unknown[] };
    expect(out.environments[0]!.resources).toBe(1);
    expect(out.diagnostics).toEqual([
      expect.objectContaining({
        code: 'resource/malformed',
        message: expect.stringContaining('list'),
        source: expect.objectContaining({ file: 'non-object.yaml', line: 6 }),
      }),
    ]);
  });

  it('odd but parseable input: a directive is part of its document, deep nesting and a numeric name are findings', async () => {
    writeFileSync(
      join(tmp, 'deep.yaml'),
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
    );
    const run = await kcfg(
      ['validate', join(FILES, 'directive.yaml'), join(FILES, 'numeric-name.yaml'), 'deep.yaml', '--format', 'json'],
      { cwd: tmp, env },
    );
    expectNoCrash(run);
    expect(run.code).toBe(1);
    const diags = json(run).diagnostics;
    expect(diags.filter((d) => d.source?.file.endsWith('directive.yaml'))).toEqual([]);
    expect(diags).toContainEqual(
      expect.objectContaining({
        code: 'resource/malformed',
        message: 'ConfigMap metadata.name must be a string, not number',
      }),
    );
    expect(diags).toContainEqual(
      expect.objectContaining({
        code: 'yaml/syntax',
        message: 'nesting is too deep to parse',
        source: expect.objectContaining({ file: 'deep.yaml', line: 6 }),
      }),
    );
    const text = await kcfg(['validate', 'deep.yaml'], { cwd: tmp, env });
    // The frame shows a window of the 200,000-character line, not all of it.
    expect(Math.max(...text.stdout.split('\n').map((l) => l.length))).toBeLessThan(200);
  });

  it("a YAML error inside a Secret never shows the Secret's values", async () => {
    const secret =
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: HUNTER2-VALUE\n  password: S3CRET-VALUE\n';
    writeFileSync(join(tmp, 'secret.yaml'), secret);
    mkdirSync(join(tmp, 'secret-app'), { recursive: true });
    writeFileSync(join(tmp, 'secret-app/secret.yaml'), secret);
    writeFileSync(join(tmp, 'secret-app/kustomization.yaml'), 'resources:\n  - secret.yaml\n');
    for (const args of [
      ['validate', 'secret.yaml'],
      ['check', 'secret-app'],
    ]) {
      const run = await kcfg(args, { cwd: tmp, env });
      expectNoCrash(run);
      // validate reports the file's finding (1); check could not render the environment at all (2).
      expect(run.code).toBe(args[0] === 'check' ? 2 : 1);
      expect(run.stdout).toMatch(/7:3\s+error/);
      expect(run.stdout + run.stderr).not.toMatch(/HUNTER2|S3CRET/);
    }
  });

  it('an empty file is clean, exit 0', async () => {
    const run = await kcfg(['validate', 'empty.yaml'], { cwd: FILES, env });
    expectNoCrash(run);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/0 errors, 0 warnings \(0 resources/);
  });

  it('a missing file is a usage error naming it, exit 2', async () => {
    const run = await kcfg(['validate', 'no-such-file.yaml'], { cwd: FILES, env });
    expectNoCrash(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no-such-file.yaml');
    expect(run.stderr).toMatch(/no such file/);
    expect(run.stdout).toBe('');
  });

  it('standard input (-) is validated with <stdin> positions', async () => {
    const dup = await kcfg(['validate', '-', '--format', 'json'], {
      cwd: FILES,
      env,
      input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n',
    });
    expectNoCrash(dup);
    expect(dup.code).toBe(1);
    expect(json(dup).diagnostics[0]).toMatchObject({
      code: 'yaml/duplicate-key',
      source: { file: '<stdin>', line: 5, column: 3 },
    });
    const ok = await kcfg(['validate', '-'], {
      cwd: FILES,
      env,
      input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
    });
    expect(ok.code).toBe(0);
    const twice = await kcfg(['validate', '-', '-'], { cwd: FILES, env });
    expect(twice.code).toBe(2);
  });

  it('a 50 MB file is refused quickly with input/too-large, in little memory', async () => {
    const doc = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: "${'x'.repeat(1000)}"\n---\n`;
    const big = join(tmp, 'big.yaml');
    writeFileSync(big, doc.repeat(Math.ceil((50 * 1024 * 1024) / doc.length)));
    // A heap too small for the file proves it is never read whole.
    const run = await kcfg(['validate', big, '--format', 'json'], {
      cwd: tmp,
      env: { ...env, NODE_OPTIONS: '--max-old-space-size=40' },
      timeoutMs: 20_000,
    });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(json(run).diagnostics).toEqual([
      expect.objectContaining({ code: 'input/too-large', source: { file: 'big.yaml', line: 1, column: 1 } }),
    ]);
    expect(run.ms).toBeLessThan(5_000);
    const text = await kcfg(['validate', big], {
      cwd: tmp,
      env: { ...env, NODE_OPTIONS: '--max-old-space-size=40' },
      timeoutMs: 20_000,
    });
    expectNoCrash(text);
    expect(text.stdout).toMatch(/big\.yaml\n\s+1:1\s+error file is 50\.\d MiB, above the 32 MiB limit/);
  });

  it('an alias bomb is refused quickly at its file', async () => {
    writeFileSync(join(tmp, 'bomb.yaml'), aliasBomb());
    const run = await kcfg(['validate', 'bomb.yaml', '--format', 'json'], { cwd: tmp, env, timeoutMs: 20_000 });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(json(run).diagnostics).toEqual([
      expect.objectContaining({
        code: 'yaml/alias-bomb',
        source: expect.objectContaining({ file: 'bomb.yaml', line: 1 }),
      }),
    ]);
    expect(run.ms).toBeLessThan(5_000);
  });
});

describe('kcfg check on kustomizations', () => {
  it('a kustomization Kustomize rejects: the environment, the entry line, exit 2', async () => {
    const run = await kcfg(['check', '-C', join(FIXTURES, 'missing-resource')], { env });
    expectNoCrash(run);
    expect(run.code).toBe(2); // nothing in the environment was checked
    // Reports name files from the git top level, wherever kcfg's root is.
    expect(run.stdout).toMatch(/^test\/fixtures\/bad-input\/missing-resource\/overlay\/kustomization\.yaml$/m);
    expect(run.stdout).toMatch(
      /5:5\s+error Kustomize could not build overlay: resource 'service\.yaml' not found.*\[broken\]/,
    );
    const [d] = json(
      await kcfg(['check', '-C', join(FIXTURES, 'missing-resource'), '--format', 'json'], { env }),
    ).diagnostics;
    expect(d).toMatchObject({
      code: 'render/failed',
      environments: ['broken'],
      source: { file: 'test/fixtures/bad-input/missing-resource/overlay/kustomization.yaml', line: 5, column: 5 },
    });
  });

  it('a repository reached through a symlink still gets repository-relative engine errors', async () => {
    // Kustomize prints symlink-resolved absolute paths (as macOS does for every /var temp directory).
    const repo = join(tmp, 'symlinked-repo');
    mkdirSync(join(repo, 'overlay'), { recursive: true });
    mkdirSync(join(repo, 'base'), { recursive: true });
    writeFileSync(join(repo, 'overlay/kustomization.yaml'), 'resources:\n  - ../base\n');
    writeFileSync(join(repo, 'base/kustomization.yaml'), 'resources:\n  - cm.yaml\n  - cm.yaml\n');
    writeFileSync(join(repo, 'base/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
    const link = join(tmp, 'symlink-to-repo');
    symlinkSync(repo, link);
    const [d] = json(await kcfg(['check', 'overlay', '-C', link, '--format', 'json'], { env })).diagnostics;
    expect(d).toMatchObject({ code: 'render/failed' });
    expect(d!.message).toMatch(/^Kustomize could not build overlay: resource '\.\.\/base': 'base' must resolve/);
    expect(d!.message).not.toContain(tmp);
  });

  it('an alias bomb or an over-size file inside a kustomization never reaches Kustomize', async () => {
    // Unguarded, kubectl kustomize expands this bomb until the machine runs out of memory.
    const repo = join(tmp, 'bomb-repo');
    mkdirSync(join(repo, 'app'), { recursive: true });
    writeFileSync(join(repo, 'app/kustomization.yaml'), 'resources:\n  - configmap.yaml\n');
    writeFileSync(
      join(repo, 'app/configmap.yaml'),
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: boom\ndata:\n${aliasBomb().replace(/^/gm, '  ').trimEnd()}\n`,
    );
    const run = await kcfg(['check', 'app', '--format', 'json'], { cwd: repo, env, timeoutMs: 20_000 });
    expectNoCrash(run);
    expect(run.code).toBe(2);
    expect(json(run).diagnostics).toEqual([
      expect.objectContaining({
        code: 'render/failed',
        message: expect.stringContaining('yaml/alias-bomb'),
        environments: ['app'],
        source: expect.objectContaining({ file: 'app/configmap.yaml' }),
      }),
    ]);
    expect(run.ms).toBeLessThan(5_000);

    const small = await kcfg(['check', 'app', '--format', 'json'], {
      cwd: repo,
      env: { ...env, KCFG_MAX_FILE_MB: '0.0001' },
      timeoutMs: 20_000,
    });
    expectNoCrash(small);
    expect(small.code).toBe(2);
    expect(json(small).diagnostics[0]).toMatchObject({
      code: 'render/failed',
      message: expect.stringContaining('input/too-large'),
    });
  });

  it('malformed YAML in a resource file: the file and line, exit 2 (nothing was checked)', async () => {
    const repo = join(tmp, 'malformed-repo');
    mkdirSync(join(repo, 'app'), { recursive: true });
    writeFileSync(join(repo, 'app/kustomization.yaml'), 'resources:\n  - configmap.yaml\n');
    cpSync(join(FILES, 'duplicate-key.yaml'), join(repo, 'app/configmap.yaml'));
    const run = await kcfg(['check', 'app'], { cwd: repo, env });
    expectNoCrash(run);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(
      /^app\/configmap\.yaml\n\s+7:5\s+error Kustomize could not build app: .*mapping key "app\.kubernetes\.io\/name" already defined/m,
    );
  });

  it('a missing generator input or patch file points at its entry in the kustomization', async () => {
    const repo = join(tmp, 'missing-inputs-repo');
    mkdirSync(join(repo, 'gen'), { recursive: true });
    mkdirSync(join(repo, 'patch'), { recursive: true });
    writeFileSync(
      join(repo, 'gen/kustomization.yaml'),
      'configMapGenerator:\n  - name: settings\n    files:\n      - settings.properties\n',
    );
    writeFileSync(
      join(repo, 'patch/kustomization.yaml'),
      'resources:\n  - configmap.yaml\npatches:\n  - path: replicas.yaml\n',
    );
    cpSync(join(FILES, 'valid.yaml'), join(repo, 'patch/configmap.yaml'));
    const run = await kcfg(['check', 'gen', 'patch', '--format', 'json'], { cwd: repo, env });
    expectNoCrash(run);
    expect(run.code).toBe(2);
    const where = json(run).diagnostics.map((d) => [d.environments[0], d.source]);
    expect(where).toEqual([
      ['gen', { file: 'gen/kustomization.yaml', line: 4, column: 9 }],
      ['patch', { file: 'patch/kustomization.yaml', line: 4, column: 11 }],
    ]);
  });

  it('a finding from a shared base file is reported once, listing both environments', async () => {
    const run = await kcfg(['check', '-C', join(FIXTURES, 'shared-base'), '--format', 'json'], { env });
    expectNoCrash(run);
    expect(run.code).toBe(1);
    const found = json(run).diagnostics.filter(
      (d) => d.source?.file === 'test/fixtures/bad-input/shared-base/base/configmap.yaml' && d.code === 'schema/type',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ source: { line: 9, column: 1 } });
    expect([...found[0]!.environments].sort()).toEqual(['dev', 'prod']);
    const text = await kcfg(['check', '-C', join(FIXTURES, 'shared-base')], { env });
    expect(text.stdout).toMatch(/9:1\s+error binaryData must be object, not string schema\/type \[dev, prod\]/);
  });
});

describe('configuration and output problems exit 2 with file:line', () => {
  const config = async (text: string): Promise<Run> => {
    const dir = mkdtempSync(join(tmp, 'config-'));
    writeFileSync(join(dir, 'kcfg.yaml'), text);
    return kcfg(['check', '-C', dir], { env, timeoutMs: 20_000 });
  };

  it('malformed, duplicate-key and alias-bomb kcfg.yaml', async () => {
    const cases: [string, RegExp][] = [
      ['environments:\n  - name: x\n    path: [oops\n', /^kcfg: kcfg\.yaml:\d+:\d+: invalid YAML: /],
      ['environments:\n  - name: x\n    path: a\n    path: b\n', /^kcfg: kcfg\.yaml:4:5: duplicate key/],
      [aliasBomb(), /^kcfg: kcfg\.yaml:1:1: refused to expand aliases/],
    ];
    for (const [text, expected] of cases) {
      const run = await config(text);
      expectNoCrash(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(expected);
    }
  });

  it('-C that is missing or not a directory', async () => {
    for (const [dir, why] of [
      [join(tmp, 'nowhere'), 'no such directory'],
      [join(FILES, 'valid.yaml'), 'not a directory'],
    ] as const) {
      for (const args of [
        ['check', '-C', dir],
        ['validate', '-C', dir, 'valid.yaml'],
      ]) {
        const run = await kcfg(args, { env });
        expectNoCrash(run);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(`-C ${dir}: ${why}`);
      }
    }
  });

  it('a report or render output that cannot be written', async () => {
    const blocker = join(FILES, 'valid.yaml');
    const report = await kcfg(
      ['validate', 'valid.yaml', '--format', 'json', '--output', join(blocker, 'report.json')],
      { cwd: FILES, env },
    );
    expectNoCrash(report);
    expect(report.code).toBe(2);
    expect(report.stderr).toContain(
      `cannot write ${join(blocker, 'report.json')}: a path component is a file, not a directory`,
    );
    const render = await kcfg(['render', '-C', join(FIXTURES, 'shared-base'), '--out', join(blocker, 'out')], {
      cwd: FILES,
      env,
    });
    expectNoCrash(render);
    expect(render.code).toBe(2);
    expect(render.stderr).toContain('cannot write to');
  });
});

describe('usage errors exit 2', () => {
  it('unknown flag', async () => {
    const run = await kcfg(['check', '--no-such-flag'], { env });
    expectNoCrash(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'--no-such-flag'");
    expect(run.stderr).toContain('kcfg help');
  });

  it('unknown command', async () => {
    const run = await kcfg(['frobnicate'], { env });
    expectNoCrash(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'frobnicate'");
  });

  it('unknown environment lists the known ones', async () => {
    const run = await kcfg(['check', 'qa'], { env });
    expectNoCrash(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown environment or directory 'qa'");
    expect(run.stderr).toContain('known environments: staging, production');
  });

  it('unknown format', async () => {
    const run = await kcfg(['check', '--format', 'yaml'], { env });
    expectNoCrash(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown format 'yaml'/);
  });

  it('an engine of another Kustomize version than the pin, and one that prints garbage', async () => {
    const bin = join(tmp, 'fake-engine');
    mkdirSync(bin, { recursive: true });
    const fake = (version: string, output: string): void =>
      writeFileSync(
        join(bin, 'kubectl'),
        `#!/bin/sh\nif [ "$1" = version ]; then echo '{"kustomizeVersion":"${version}"}'; exit 0; fi\nprintf '${output}'\n`,
        { mode: 0o755 },
      );
    const run = (): Promise<Run> =>
      kcfg(['check', '--no-cache', '--format', 'json'], { env: { ...env, PATH: `${bin}:${process.env['PATH']}` } });
    fake('v5.0.4', '');
    const pinned = await run();
    expectNoCrash(pinned);
    expect(pinned.code).toBe(2);
    expect(pinned.stderr).toContain('Kustomize v5.0.4, but kcfg.yaml pins engine.version v5.5.0');
    fake('v5.5.0', 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: [a\\n---\\n- x\\n');
    const garbage = await run();
    expectNoCrash(garbage);
    expect(garbage.code).toBe(1);
    expect(json(garbage).diagnostics.map((d) => [d.code, d.environments.sort()])).toEqual([
      ['resource/malformed', ['production', 'staging']],
      ['yaml/syntax', ['production', 'staging']],
    ]);
  });

  it('missing engine names what to install', async () => {
    // A PATH holding only node: kubectl and kustomize are gone.
    const bin = join(tmp, 'bin-node-only');
    mkdirSync(bin, { recursive: true });
    symlinkSync(process.execPath, join(bin, 'node'));
    for (const engine of [undefined, 'kustomize']) {
      const run = await kcfg(['check'], { env: { ...env, PATH: bin, ...(engine ? { KCFG_ENGINE: engine } : {}) } });
      expectNoCrash(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`engine '${engine ?? 'kubectl'}' not found on PATH`));
      expect(run.stderr).toMatch(/install kubectl .*or kustomize/);
      expect(run.stdout).toBe('');
    }
  });
});

describe('a reader that stops early', () => {
  it('a closed stdout pipe (`kcfg codes | head`) ends quietly with its own exit code, no stack trace', async () => {
    const { spawn } = await import('node:child_process');
    // A report of megabytes, written in many pieces after the reader has gone.
    const many = join(tmp, 'many-findings.yaml');
    writeFileSync(
      many,
      Array.from({ length: 3000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_${i}\n`).join(
        '---\n',
      ),
    );
    for (const args of [['codes'], ['help'], ['validate', join(FILES, 'duplicate-key.yaml')], ['validate', many]]) {
      // The reading end is closed before kcfg writes a byte, so its first write fails with EPIPE.
      const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const code = await new Promise<number | null>((done) => child.on('close', done));
      expect(stderr, args.join(' ')).toBe('');
      expect(code, args.join(' ')).toBe(args[0] === 'validate' ? 1 : 0);
    }
  });
});
