import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The README is a newcomer's first page and points into docs/ for the rest: a link that
 * lands nowhere loses the reader. Every relative Markdown link and image in the repo's
 * Markdown must name a file that exists, and an anchor must name a heading of that file
 * (as GitHub makes anchors from headings).
 */

const root = path.resolve(import.meta.dirname, '../..');

/** `[text](target)` and `![alt](target)`; the target ends at whitespace or ")". */
const link = /!?\[[^\]\n]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;

function markdownFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--', '*.md'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  return listed.filter((file) => fs.existsSync(path.join(root, file)));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');
}

function anchorsIn(file: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.+?)\s*#*$/.exec(line);
    if (!heading) continue;
    const base = anchorOf(heading[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

function brokenLinks(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  const broken: string[] = [];
  for (const match of text.matchAll(link)) {
    const target = match[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: — not the repo's
    const [filePart, anchor] = target.split('#', 2) as [string, string | undefined];
    const resolved = filePart === '' ? path.join(root, file) : path.resolve(root, path.dirname(file), decodeURIComponent(filePart));
    if (!resolved.startsWith(root + path.sep) || !fs.existsSync(resolved)) {
      broken.push(`${file}: ${target} (no such file)`);
      continue;
    }
    if (anchor !== undefined && resolved.endsWith('.md') && !anchorsIn(resolved).has(anchor)) {
      broken.push(`${file}: ${target} (no such heading)`);
    }
  }
  return broken;
}

describe('links in the Markdown', () => {
  it('makes anchors the way GitHub does', () => {
    expect(anchorOf('The test suites')).toBe('the-test-suites');
    expect(anchorOf('A corporate network: proxy, certificates, client certificates')).toBe(
      'a-corporate-network-proxy-certificates-client-certificates',
    );
    expect(anchorOf('§4 `POST /api/v1/users.updateOwnBasicInfo`')).toBe('4-post-apiv1usersupdateownbasicinfo');
  });

  it('land on a file of the repo, and on a heading of it when they name one', () => {
    const files = markdownFiles();
    expect(files).toContain('README.md');
    expect(files.flatMap(brokenLinks)).toEqual([]);
  });

  it('would catch a link to a missing file or heading', () => {
    const dir = fs.mkdtempSync(path.join(root, '.tmp-links-'));
    try {
      // Names put together here, so that the citation check over this file does not take them for citations.
      const [page, missing] = ['page', 'missing'].map((name) => `${name}.${'md'}`) as [string, string];
      const relative = path.relative(root, path.join(dir, page));
      fs.writeFileSync(path.join(dir, page), `# Here\n\n[ok](#here) [gone](${missing}) [no heading](${page}#there)\n`);
      expect(brokenLinks(relative)).toEqual([`${relative}: ${missing} (no such file)`, `${relative}: ${page}#there (no such heading)`]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
