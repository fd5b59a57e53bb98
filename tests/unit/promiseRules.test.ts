import { ESLint } from 'eslint';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
// The type-aware rules need a file of the TypeScript project; this one lends its path, and
// ESLint checks the given text in its place.
const filePath = path.join(root, 'tests/unit/promiseRules.test.ts');

// Under CI=true typescript-eslint would build the program once from the files on disk and lint
// those, not the given text; this test needs the text.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } },
});
const rulesBroken = async (code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId);
};

const save = 'const save = async (): Promise<void> => undefined;\n';

describe('lint: promises nobody waits for', () => {
  // The first lint builds the whole TypeScript program (seconds on a busy machine); the cases
  // after it reuse it.
  beforeAll(() => rulesBroken(save), 180_000);

  it('refuses a floating promise and a promise where a plain callback is expected', async () => {
    expect(await rulesBroken(`${save}save();\n`)).toContain('@typescript-eslint/no-floating-promises');
    expect(await rulesBroken(`${save}[1].forEach(async () => save());\n`)).toContain('@typescript-eslint/no-misused-promises');
  });

  it('refuses a `void` promise without a comment saying why, and accepts one with it', async () => {
    expect(await rulesBroken(`${save}void save();\n`)).toEqual(['promises/void-says-why']);
    expect(await rulesBroken(`${save}// Nobody waits: the store shows its own failure.\nvoid save();\n`)).toEqual([]);
    expect(await rulesBroken(`${save}void save(); // the store shows its own failure\n`)).toEqual([]);
  });

  it('lets `void` drop a value that is not a promise', async () => {
    expect(await rulesBroken('const list: number[] = [];\nexport const add = (n: number) => void list.push(n);\n')).toEqual([]);
  });
});
