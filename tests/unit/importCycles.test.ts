import { ESLint } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import layers from '../../tools/eslint/layers.js';
import { makeTempDir } from '../support/tempDir';

describe('lint: no import cycles (layers/no-cycle)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let eslint: ESLint;
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(temp.dir, name)), { recursive: true });
    fs.writeFileSync(path.join(temp.dir, name), text);
  };
  const cycles = async (name: string) => {
    const [result] = await eslint.lintFiles([path.join(temp.dir, name)]);
    return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
  };

  beforeEach(() => {
    temp = makeTempDir();
    eslint = new ESLint({
      cwd: temp.dir,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { layers }, rules: { 'layers/no-cycle': 'error' } },
      ],
    });
  });
  afterEach(() => temp.cleanup());

  it('reports a cycle however far round, naming its route', async () => {
    write('a.ts', "import { b } from './b';\nexport const a = () => b;\n");
    write('b.ts', "import { c } from './nested/c';\nexport const b = c;\n");
    write('nested/c.ts', "import { a } from '../a';\nexport const c = () => a;\n");
    expect(await cycles('a.ts')).toEqual(['layers/no-cycle: Import cycle: a.ts → b.ts → nested/c.ts → a.ts.']);
  });

  it('counts type-only imports and re-exports: the files still cannot be read apart', async () => {
    write('failure.ts', "import type { Kind } from './kinds';\nexport class Failure { kind?: Kind }\n");
    write('kinds.ts', "import { Failure } from './failure';\nexport type Kind = 'a';\nexport const make = () => new Failure();\n");
    expect(await cycles('failure.ts')).toEqual(['layers/no-cycle: Import cycle: failure.ts → kinds.ts → failure.ts.']);
    write('index.ts', "export { x } from './x';\n");
    write('x.ts', "import './index';\nexport const x = 1;\n");
    expect(await cycles('x.ts')).toEqual(['layers/no-cycle: Import cycle: x.ts → index.ts → x.ts.']);
  });

  it('accepts imports that only go one way, packages and files that are not there', async () => {
    write('a.ts', "import { b } from './b';\nimport { z } from 'zod';\nimport { gone } from './gone';\nexport const a = [b, z, gone];\n");
    write('b.ts', "import { c } from './c';\n// import { a } from './a';\nexport const b = c;\n");
    write('c.ts', 'export const c = 1;\n');
    expect(await cycles('a.ts')).toEqual([]);
  });
});
