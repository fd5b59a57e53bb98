// Progress goes to stderr: stdout carries only the one JSON document.
export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
