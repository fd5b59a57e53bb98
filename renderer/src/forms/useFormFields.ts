import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { tooLong } from './lengthLimit';

/** What a field may hold: the contract's limit, and the rules from shared/ that the core applies too. */
export interface FieldRule<K extends string = string> {
  /** The most characters the contract takes for what this field sends (shared/limits.ts). */
  limit: number;
  /** The words for an empty field (shared/requiredFields): said from the first submit, never while the form is still being filled. */
  required?: (value: string) => string | null;
  /**
   * The field's problem in words, or null: a rule from shared/ (profileEdits, passwordPolicy,
   * serverAddress…). `values` holds every field of the form, for a rule across fields.
   */
  check?: (value: string, values: Record<K, string>) => string | null;
}

/** When a field's `check` starts to speak: as the person types, once they leave the field, or from the first submit. */
export type CheckFrom = 'typing' | 'leaving' | 'submit';

/** What a TextField, TextAreaField or PasswordField takes from the form: spread it in. */
export interface FieldBinding {
  value: string;
  limit: number;
  error: string | null;
  onChange(event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>): void;
  onBlur(): void;
  ref(element: HTMLElement | null): void;
}

export interface FormFields<K extends string> {
  values: Record<K, string>;
  bind(name: K): FieldBinding;
  /** What the field says now: "Too long", else its rules' words once they speak, else the core's words about it. */
  errorOf(name: K): string | null;
  set(name: K, value: string): void;
  /**
   * At submit: every rule speaks from now on, and the core's words about the last send go.
   * True when every field may be sent; otherwise the first field with a problem, in page
   * order, takes focus (once React has marked it).
   */
  validate(): boolean;
  /**
   * The core's words about fields it was sent, each shown until its field changes; the first
   * takes focus, unless the person was not in the form when it was sent (`focus: false`).
   */
  answer(errors: Partial<Record<K, string>>, options?: { focus?: boolean; select?: boolean }): void;
  /** Back to these values with nothing said: after the change went through. */
  reset(values: Record<K, string>): void;
}

/**
 * The fields of one form: their values, when their rules speak, the contract's length limit,
 * the core's answers about them, and focus on the first one that needs the person. The
 * words of every rule come from shared/, so the window says what the core would.
 */
export function useFormFields<K extends string>(
  initial: Record<K, string>,
  ruleOf: (name: K) => FieldRule<K>,
  { checkFrom = 'submit' }: { checkFrom?: CheckFrom } = {},
): FormFields<K> {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<K, true>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [answers, setAnswers] = useState<Partial<Record<K, string>>>({});
  // A new object each time, so asking for the same field twice focuses it twice.
  const [focusWanted, setFocusWanted] = useState<{ name: K; select?: boolean } | null>(null);
  const elements = useRef(new Map<K, HTMLElement>());

  useEffect(() => {
    const element = focusWanted ? elements.current.get(focusWanted.name) : undefined;
    element?.focus();
    // A refused value selected: typing replaces it.
    if (focusWanted?.select && element instanceof HTMLInputElement) element.select();
  }, [focusWanted]);

  const problemOf = (name: K): string | null => {
    const { limit, required, check } = ruleOf(name);
    const value = values[name] ?? '';
    return tooLong(value, limit) ?? required?.(value) ?? check?.(value, values) ?? null;
  };
  const errorOf = (name: K): string | null => {
    const { limit, required, check } = ruleOf(name);
    const value = values[name] ?? '';
    const speaks = submitted || touched[name] === true;
    return (
      tooLong(value, limit) ?? (submitted ? required?.(value) : null) ?? (speaks ? check?.(value, values) : null) ?? answers[name] ?? null
    );
  };
  /** The first of these fields in the page (fields not on screen come last). */
  const firstInPage = (names: K[]): K | undefined =>
    names
      .map((name) => ({ name, element: elements.current.get(name) }))
      .sort((a, b) =>
        a.element && b.element
          ? a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING
            ? -1
            : 1
          : a.element
            ? -1
            : 1,
      )[0]?.name;

  const set = (name: K, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    setAnswers(({ [name]: _gone, ...rest }) => rest as Partial<Record<K, string>>);
    if (checkFrom === 'typing') setTouched((current) => ({ ...current, [name]: true }));
  };

  return {
    values,
    errorOf,
    set,
    bind: (name) => ({
      value: values[name] ?? '',
      limit: ruleOf(name).limit,
      error: errorOf(name),
      onChange: (event) => set(name, event.target.value),
      onBlur: () => {
        if (checkFrom === 'leaving') setTouched((current) => ({ ...current, [name]: true }));
      },
      ref: (element) => {
        if (element) elements.current.set(name, element);
        else elements.current.delete(name);
      },
    }),
    validate() {
      setSubmitted(true);
      // What the core said was about the last send; this one is judged afresh.
      setAnswers({});
      const failing = (Object.keys(values) as K[]).filter((name) => problemOf(name) !== null);
      const first = firstInPage(failing);
      if (first !== undefined) setFocusWanted({ name: first });
      return failing.length === 0;
    },
    answer(errors, { focus = true, select = false } = {}) {
      setAnswers(errors);
      if (!focus) return;
      const first = firstInPage((Object.keys(errors) as K[]).filter((name) => errors[name]));
      if (first !== undefined) setFocusWanted({ name: first, select });
    },
    reset(next) {
      setValues(next);
      setTouched({});
      setSubmitted(false);
      setAnswers({});
    },
  };
}
