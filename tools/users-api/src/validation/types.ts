// What the server needs of an AJV validate function: call it, then read `.errors`.

export interface ValidatorError {
  message?: string;
}

export interface Validator {
  (data: unknown): boolean;
  errors?: ValidatorError[] | null;
  schema?: unknown;
}
