import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { htmlReport } from '../../scripts/report/html.js';
import { OPTIONS, sampleDiff, sampleResult } from './sample.js';

const CHROMIUM = process.env['KCFG_CHROMIUM'] ?? '/usr/bin/chromium';
const tmp = mkdtempSync(join(tmpdir(), 'kcfg-html-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('html reporter', () => {
  const html = htmlReport(sampleResult({ diffs: sampleDiff() }), OPTIONS);

  it('is one self-contained file: no external scripts, styles, images or fonts', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:|\/\/)/i);
    expect(html).not.toMatch(/@import|url\(/);
  });

  it('shows environments, findings by policy and by file with code frames, escaped', () => {
    expect(html).toContain('<td><b>staging</b></td><td><code>overlays/staging</code></td>');
    expect(html).toContain(
      '<code>policy/run-as-non-root</code> <span class="title">Containers run as a non-root user</span>',
    );
    expect(html).toContain('unknown field &quot;replicass&quot; in Deployment &lt;spec&gt;');
    expect(html).not.toContain('<spec>');
    expect(html).toMatch(/<pre class="frame">[^]*<mark>&gt; 7 \| {5}spec:<\/mark>/);
  });

  it('puts the two environments side by side and never shows sensitive values', () => {
    expect(html).toContain('<th>Field</th><th>staging</th><th>production</th>');
    expect(html).toContain(
      '<tr class="replace"><td><code>spec.replicas</code></td><td class="side a"><code>1</code></td><td class="side b"><code>3</code></td></tr>',
    );
    expect(html).toContain('hidden (sha aaaa1111)');
    expect(html).toContain('pods roll: the &lt;config&gt; changed');
  });

  it('renders in headless Chromium', async (ctx) => {
    if (!existsSync(CHROMIUM)) {
      ctx.skip(
        `Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install -y chromium) to run the HTML screenshot test`,
      );
      return;
    }
    const page = join(tmp, 'report.html');
    const png = join(tmp, 'report.png');
    writeFileSync(page, html);
    await screenshot(page, png);
    if (process.env['KCFG_KEEP_SCREENSHOT']) writeFileSync(process.env['KCFG_KEEP_SCREENSHOT'], readFileSync(png));
    const info = pngInfo(readFileSync(png));
    expect(info.width).toBe(1280);
    expect(info.height).toBe(2000);
    // A blank or failed page is a few colours; the report has text, badges and tables.
    expect(info.distinctSamples).toBeGreaterThan(20);
  }, 90_000);
});

function screenshot(page: string, png: string): Promise<void> {
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--user-data-dir=${join(tmp, 'profile')}`,
    `--screenshot=${png}`,
    '--window-size=1280,2000',
    `file://${page}`,
  ];
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, args, { timeout: 80_000 }, (err, _stdout, stderr) => {
      if (existsSync(png)) resolve();
      else reject(new Error(`chromium wrote no screenshot: ${err?.message ?? ''}\n${stderr}`));
    });
  });
}

/** Width, height and how varied the first rows of pixel data are (IDAT inflated, filter bytes included). */
function pngInfo(buf: Buffer): { width: number; height: number; distinctSamples: number } {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let at = 8;
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const seen = new Set<string>();
  for (let i = 0; i + 3 < raw.length; i += 97) seen.add(raw.subarray(i, i + 3).toString('hex'));
  return { width, height, distinctSamples: seen.size };
}
