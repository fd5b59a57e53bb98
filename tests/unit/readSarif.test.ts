import { describe, expect, it } from 'vitest';
import { readSarif } from '../../tools/security/readSarif';

describe('readSarif (Electronegativity report)', () => {
  it('reads every result with its rule, level, file and place', () => {
    const report = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'Electronegativity', rules: [] } },
          results: [
            {
              ruleId: 'PRELOAD_JS_CHECK',
              level: 'note',
              message: { text: 'Review the use of preload scripts' },
              locations: [
                {
                  physicalLocation: { artifactLocation: { uri: 'electron/main/mainWindow.ts' }, region: { startLine: 12, startColumn: 5 } },
                },
              ],
            },
            {
              ruleId: 'CSP_GLOBAL_CHECK',
              level: 'warning',
              // Source samples with quotes and commas broke the old CSV reading; JSON keeps them whole.
              message: { text: "default-src 'none'; script-src 'self', \"x\"" },
              locations: [
                { physicalLocation: { artifactLocation: { uri: 'renderer/index.html' }, region: { startLine: 9, startColumn: 1 } } },
              ],
            },
          ],
        },
      ],
    };
    expect(readSarif(JSON.stringify(report))).toEqual([
      {
        issue: 'PRELOAD_JS_CHECK',
        level: 'note',
        filename: 'electron/main/mainWindow.ts',
        location: '12:5',
        description: 'Review the use of preload scripts',
      },
      {
        issue: 'CSP_GLOBAL_CHECK',
        level: 'warning',
        filename: 'renderer/index.html',
        location: '9:1',
        description: "default-src 'none'; script-src 'self', \"x\"",
      },
    ]);
  });

  it('fails loudly on a report cut short instead of reading part of it', () => {
    expect(() => readSarif('{"runs":[{"results":[{"ruleId":"X"')).toThrow();
  });
});
