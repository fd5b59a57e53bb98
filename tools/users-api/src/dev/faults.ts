// Injected faults (POST /_dev/faults): for the next `times` calls of a route,
// delay, answer a status, answer broken JSON, or drop the connection.

export interface Fault {
  route: string;
  method?: string;
  delayMs?: number;
  status?: number;
  reset?: boolean;
  malformedJson?: boolean;
  times: number;
}

export function parseFault(input: unknown): Fault | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'fault must be a JSON object';
  const f = input as Record<string, unknown>;
  const known = new Set(['route', 'method', 'delayMs', 'status', 'reset', 'malformedJson', 'times']);
  const unknown = Object.keys(f).filter((k) => !known.has(k));
  if (unknown.length > 0) return `unknown fault keys: ${unknown.join(', ')}`;
  if (typeof f.route !== 'string' || (f.route !== '*' && !f.route.startsWith('/'))) return "route must be '*' or a path starting with '/'";
  if (f.method !== undefined && typeof f.method !== 'string') return 'method must be a string';
  if (f.delayMs !== undefined && (typeof f.delayMs !== 'number' || f.delayMs < 0)) return 'delayMs must be a number >= 0';
  if (f.status !== undefined && (typeof f.status !== 'number' || !Number.isInteger(f.status) || f.status < 100 || f.status > 599)) {
    return 'status must be an HTTP status code';
  }
  if (f.reset !== undefined && typeof f.reset !== 'boolean') return 'reset must be a boolean';
  if (f.malformedJson !== undefined && typeof f.malformedJson !== 'boolean') return 'malformedJson must be a boolean';
  const times = f.times ?? 1;
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) return 'times must be an integer >= 1';
  if (f.delayMs === undefined && f.status === undefined && !f.reset && !f.malformedJson) {
    return 'a fault needs at least one of delayMs, status, reset, malformedJson';
  }
  return {
    route: f.route,
    ...(typeof f.method === 'string' && { method: f.method.toUpperCase() }),
    ...(typeof f.delayMs === 'number' && { delayMs: f.delayMs }),
    ...(typeof f.status === 'number' && { status: f.status }),
    ...(f.reset === true && { reset: true }),
    ...(f.malformedJson === true && { malformedJson: true }),
    times,
  };
}

export class FaultStore {
  faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push(fault);
  }

  /** Consumes one use of the first fault matching this call. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (f) => f.times > 0 && (f.route === '*' || f.route === path) && (f.method === undefined || f.method === method),
    );
    if (!fault) return undefined;
    fault.times -= 1;
    this.faults = this.faults.filter((f) => f.times > 0);
    return { ...fault };
  }

  clear(): void {
    this.faults = [];
  }
}
