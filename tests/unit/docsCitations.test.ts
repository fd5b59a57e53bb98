import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Comments and docs cite the repo's own design record (docs/*.md, READMEs). A citation is
 * only worth something if it lands: the file must exist in the repo, a `§N` of the protocol
 * doc must have its `## §N` heading, and a quoted name ("Sync", §4 "2FA gate") must be a
 * heading of that doc (inside §N when one is given).
 */

const root = path.resolve(import.meta.dirname, '../..');

/** A `.md` path in text, whole: not the tail of a longer path or of a URL. */
const markdownPath = /(?<![\w./:-])(\/?(?:[\w.-]+\/)*[\w-][\w.-]*\.md)(?![\w-])/g;
/** `§4`, `§2–3`, `§0–§7`, `section 2`, `sections 0, 1, 7, 8`. */
const sectionRef = /§\s*(\d+)(?:\s*[–-]\s*§?\s*(\d+))?|\bsections?\s+(\d+(?:\s*(?:,|and)\s*\d+)*)/gi;
/** A name right after the citation: `docs/sync.md "Sync"`, `docs/protocol.md §4 "2FA gate"`. */
const namedPart = /^`?\s*(?:§\s*(\d+)\s+)?"([^"\n]+)"/;

interface Citation {
  at: string;
  cited: string;
  /** The rest of the line after the path, where sections and names are given. */
  tail: string;
  dir: string;
}

function trackedTextFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  return listed.filter((file) => {
    if (file === 'package-lock.json') return false;
    const full = path.join(root, file);
    if (!fs.existsSync(full) || fs.statSync(full).size > 2_000_000) return false;
    return !fs.readFileSync(full).includes(0);
  });
}

function citationsIn(file: string, text: string): Citation[] {
  return text.split('\n').flatMap((line, index) =>
    [...line.matchAll(markdownPath)].map((match) => {
      const end = match.index + match[0].length;
      const next = line.slice(end).search(/\.md\b/);
      return {
        at: `${file}:${index + 1}`,
        cited: match[1]!,
        tail: next === -1 ? line.slice(end) : line.slice(end, end + next),
        dir: path.dirname(file),
      };
    }),
  );
}

/** The repo file a citation names (from the repo root or beside the citing file), or null. */
function resolveInRepo(citation: Citation): string | null {
  if (citation.cited.startsWith('/')) return null; // an absolute path is outside the repo's record
  const candidates = [path.resolve(root, citation.cited), path.resolve(root, citation.dir, citation.cited)];
  return candidates.find((file) => file.startsWith(root + path.sep) && fs.existsSync(file)) ?? null;
}

function sectionsCited(tail: string): number[] {
  const sections: number[] = [];
  for (const match of tail.matchAll(sectionRef)) {
    if (match[3]) {
      sections.push(...match[3].split(/\s*(?:,|and)\s*/).map(Number));
      continue;
    }
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    for (let section = first; section <= last; section++) sections.push(section);
  }
  return sections;
}

/** Each `## ` part of a markdown text: its heading line and the headings below it. */
function partsOf(markdown: string): { heading: string; subheadings: string[] }[] {
  const headings = markdown.split('\n').filter((line) => /^#{1,6}\s/.test(line));
  const parts: { heading: string; subheadings: string[] }[] = [];
  for (const heading of headings) {
    if (/^##\s/.test(heading)) parts.push({ heading, subheadings: [] });
    else parts[parts.length - 1]?.subheadings.push(heading);
  }
  return parts;
}

/** "Sync" names `## Sync` and `## Sync (outbox)`, not `## Syncing`. */
function namesHeading(heading: string, name: string): boolean {
  const text = heading.replace(/^#+\s*/, '').toLowerCase();
  const wanted = name.toLowerCase();
  return text === wanted || (text.startsWith(wanted) && /^[^\p{L}\p{N}]/u.test(text.slice(wanted.length)));
}

function problemsOf(citations: Citation[]): string[] {
  const problems: string[] = [];
  for (const citation of citations) {
    const file = resolveInRepo(citation);
    if (!file) {
      problems.push(`${citation.at} cites ${citation.cited}, which is not a file in the repo`);
      continue;
    }
    const parts = partsOf(fs.readFileSync(file, 'utf8'));
    const part = (section: number) => parts.find(({ heading }) => new RegExp(`^##\\s+§${section}\\b`).test(heading));
    if (citation.cited.endsWith('docs/protocol.md')) {
      for (const section of sectionsCited(citation.tail)) {
        if (!part(section)) problems.push(`${citation.at} cites ${citation.cited} §${section}, which has no "## §${section}" heading`);
      }
    }
    const named = namedPart.exec(citation.tail);
    if (named) {
      const [, section, name] = named;
      const headings =
        section === undefined ? parts.flatMap((p) => [p.heading, ...p.subheadings]) : (part(Number(section))?.subheadings ?? []);
      const found = headings.some((heading) => namesHeading(heading, name!));
      if (!found)
        problems.push(`${citation.at} cites ${citation.cited}${section ? ` §${section}` : ''} "${name}", which is not a heading there`);
    }
  }
  return problems;
}

describe('citations of the repo docs', () => {
  it('reads the ways comments cite sections and names', () => {
    expect(sectionsCited(' §1, §8).')).toEqual([1, 8]);
    expect(sectionsCited(' §2–3).')).toEqual([2, 3]);
    expect(sectionsCited(' §0–§7 that the client uses:')).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(sectionsCited(' (sections 0, 1, 7, 8) and maps')).toEqual([0, 1, 7, 8]);
    expect(sectionsCited(' section 2): the status')).toEqual([2]);
    expect(sectionsCited(' §4 step 10) as a checklist')).toEqual([4]);
    expect(sectionsCited(' §1 (login), §3 (users.info) and §5 (two-factor)')).toEqual([1, 3, 5]);
    const [citation] = citationsIn('x.ts', '/** What confirms it (docs/protocol.md §4 "2FA gate"): TOTP. */');
    expect(citation).toMatchObject({ cited: 'docs/protocol.md' });
    expect(namedPart.exec(citation!.tail)?.slice(1)).toEqual(['4', '2FA gate']);
    // Built here so this file's own text cites nothing that is missing.
    const absolute = '/abs/NOTES' + '.md';
    expect(citationsIn('x.ts', `see https://example.com/a/README.md or ${absolute}`).map((c) => c.cited)).toEqual([absolute]);
  });

  it('reports a missing file, a missing section and a missing name', () => {
    const missing = ['docs', 'nowhere' + '.md'].join('/');
    const protocol = 'docs/protocol' + '.md';
    const problems = problemsOf([
      ...citationsIn('a.ts', `// ${missing}`),
      ...citationsIn('b.ts', `// ${protocol} §99`),
      ...citationsIn('c.ts', `// ${protocol} §4 "No such part"`),
    ]);
    expect(problems).toHaveLength(3);
  });

  it('every cited .md file exists, with the cited sections and names', () => {
    const citations = trackedTextFiles().flatMap((file) => citationsIn(file, fs.readFileSync(path.join(root, file), 'utf8')));
    expect(citations.length).toBeGreaterThan(0);
    expect(problemsOf(citations)).toEqual([]);
  });
});
