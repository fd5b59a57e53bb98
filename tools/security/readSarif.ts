export interface Finding {
  issue: string;
  /** "warning" for a definite finding, "note" for one Electronegativity asks a person to review. */
  level: string;
  filename: string;
  location: string;
  description: string;
}

/**
 * Electronegativity's SARIF report: one JSON document written in a single call. (Its CSV
 * writer appends the rows while the header write may still be under way, so that file
 * is sometimes interleaved; JSON parses whole or fails loudly.)
 */
export function readSarif(text: string): Finding[] {
  const report = JSON.parse(text) as {
    runs: {
      results: {
        ruleId: string;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
      }[];
    }[];
  };
  return report.runs.flatMap((run) =>
    run.results.map((result) => {
      const where = result.locations[0]?.physicalLocation;
      return {
        issue: result.ruleId,
        level: result.level,
        filename: where?.artifactLocation.uri ?? '(unknown)',
        location: where ? `${where.region.startLine}:${where.region.startColumn}` : '?',
        description: result.message.text,
      };
    }),
  );
}
