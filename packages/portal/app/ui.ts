import { html } from 'htm/preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { DomainError } from '../../kernel';
import { ApiError, Refusal } from './api';

/**
 * A refusal from the API, or from the shared domain code run in the browser (a DomainError
 * carries the same code, field and rule), or any other failure by its message.
 */
const refusalOf = (error: unknown): Partial<Refusal> & { message: string } => {
  if (error instanceof ApiError) return error.refusal;
  if (error instanceof DomainError) return { code: error.code, message: error.message, ...error.details };
  return { message: error instanceof Error ? error.message : String(error) };
};

/** The API's refusal, whole: message, the field at fault, and the article that refuses it. */
export const RefusalBox = ({ error }: { error: unknown }) => {
  if (!error) return null;
  const { message, field, rule, code, status, issues } = refusalOf(error);
  return html`<div class="refusal" role="alert">
    <p class="refusal-message">${message}</p>
    <dl>
      ${
        rule &&
        html`<dt>依据</dt>
          <dd class="rule">${rule}</dd>`
      }
      ${
        field &&
        html`<dt>字段</dt>
          <dd><code>${field}</code></dd>`
      }
      ${
        code &&
        html`<dt>代码</dt>
          <dd><code>${code}</code>${status ? ` · HTTP ${status}` : ''}</dd>`
      }
    </dl>
    ${
      issues &&
      issues.length > 1 &&
      html`<ul>
        ${issues.map((issue) => html`<li><code>${issue.field}</code>：${issue.message}</li>`)}
      </ul>`
    }
  </div>`;
};

export const Progress = ({ label, value }: { label: string; value: number | undefined }) =>
  value === undefined
    ? null
    : html`<div class="progress">
        <label
          >${label}
          <progress max="1" value=${value}>${Math.round(value * 100)}%</progress>
          ${Math.round(value * 100)}%</label
        >
      </div>`;

export const Card = ({ title, children }: { title: string; children: ComponentChildren }) =>
  html`<section class="card">
    <h2>${title}</h2>
    ${children}
  </section>`;

export interface Action<A extends unknown[], R> {
  run: (...args: A) => Promise<R | undefined>;
  busy: boolean;
  error?: unknown;
  result?: R;
}

/**
 * One user action against the API. Its Idempotency-Key stays the same while the user retries the
 * same request (a lost answer is then not done twice) and changes when what is sent changes.
 * A refusal leaves the form as it was: the action never clears what the user typed.
 */
export const useAction = <A extends unknown[], R>(
  perform: (key: string, ...args: A) => Promise<R>,
): Action<A, R> => {
  const [state, setState] = useState<{ busy: boolean; error?: unknown; result?: R }>({ busy: false });
  const last = useRef<{ args: string; key: string }>({ args: '', key: crypto.randomUUID() });
  const run = async (...args: A) => {
    const argsText = JSON.stringify(args);
    if (argsText !== last.current.args) last.current = { args: argsText, key: crypto.randomUUID() };
    setState({ busy: true });
    try {
      const result = await perform(last.current.key, ...args);
      last.current = { args: '', key: crypto.randomUUID() };
      setState({ busy: false, result });
      return result;
    } catch (error) {
      setState({ busy: false, error });
      return undefined;
    }
  };
  return { run, ...state, busy: state.busy };
};

/** A labelled input bound to a value; `hint` shows under it (the rule, or what is wrong now). */
export const Field = ({
  label,
  name,
  value,
  onInput,
  type = 'text',
  hint,
  invalid,
  ...rest
}: {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  type?: string;
  hint?: string;
  invalid?: boolean;
  [attribute: string]: unknown;
}) =>
  html`<div class=${`field${invalid ? ' invalid' : ''}`}>
    <label for=${name}>${label}</label>
    <input
      id=${name}
      name=${name}
      type=${type}
      value=${value}
      aria-invalid=${invalid ? 'true' : undefined}
      aria-describedby=${hint ? `${name}-hint` : undefined}
      onInput=${(event: Event) => onInput((event.target as HTMLInputElement).value)}
      ...${rest}
    />
    ${hint && html`<small id=${`${name}-hint`}>${hint}</small>`}
  </div>`;

/**
 * A form of one typed value that `send` gives to the API (with the action's Idempotency-Key): the
 * value stays as typed on a refusal, which shows under the button. `hint` and `invalid` read it.
 */
export const ValueForm = ({
  send,
  label,
  name,
  initial = '',
  hint,
  invalid,
  button,
  ...field
}: {
  send: (key: string, typed: string) => Promise<unknown>;
  label: string;
  name: string;
  initial?: string;
  hint?: (typed: string) => string;
  invalid?: (typed: string) => boolean;
  button: string;
  [attribute: string]: unknown;
}) => {
  const [typed, setTyped] = useState(initial);
  const action = useAction(send);
  return html`<form onSubmit=${(event: Event) => (event.preventDefault(), void action.run(typed))}>
    <${Field}
      label=${label}
      name=${name}
      value=${typed}
      onInput=${setTyped}
      hint=${hint?.(typed)}
      invalid=${invalid?.(typed)}
      ...${field}
    />
    <button type="submit" disabled=${action.busy}>${button}</button>
    <${RefusalBox} error=${action.error} />
  </form>`;
};

/** A captioned table: its header cells, then one row of cells per item. */
export const Table = ({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: ComponentChildren[][];
}) =>
  html`<table>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${head.map((cell) => html`<th scope="col">${cell}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>
            ${row.map((cell) => html`<td>${cell}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;

/** A labelled text area bound to a value. */
export const TextField = ({
  label,
  name,
  value,
  onInput,
  rows = 3,
  required,
}: {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  rows?: number;
  required?: boolean;
}) =>
  html`<div class="field">
    <label for=${name}>${label}</label>
    <textarea
      id=${name}
      name=${name}
      rows=${rows}
      required=${required}
      value=${value}
      onInput=${(event: Event) => onInput((event.target as HTMLTextAreaElement).value)}
    ></textarea>
  </div>`;

/** A labelled choice among `options` (value → what the user reads), bound to a value. */
export const SelectField = <V extends string>({
  label,
  name,
  value,
  options,
  onChange,
}: {
  label: string;
  name: string;
  value: V;
  options: Record<V, string>;
  onChange: (value: V) => void;
}) =>
  html`<div class="field">
    <label for=${name}>${label}</label>
    <select
      id=${name}
      name=${name}
      value=${value}
      onChange=${(event: Event) => onChange((event.target as HTMLSelectElement).value as V)}
    >
      ${(Object.entries(options) as [V, string][]).map(
        ([option, text]) => html`<option value=${option}>${text}</option>`,
      )}
    </select>
  </div>`;

/** A labelled choice of one local file, read in the browser by whoever receives it. */
export const FileField = ({
  label,
  name,
  accept,
  onFile,
}: {
  label: string;
  name: string;
  accept: string;
  onFile: (file: File | undefined) => void;
}) =>
  html`<div class="field">
    <label for=${name}>${label}</label>
    <input
      id=${name}
      name=${name}
      type="file"
      accept=${accept}
      onChange=${(event: Event) => onFile((event.target as HTMLInputElement).files?.[0])}
    />
  </div>`;

/** Loads when `deps` change (or on `reload`); the page shows the refusal in place of the data. */
export const useLoad = <T>(load: () => Promise<T>, deps: unknown[]) => {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, version]);
  return { ...state, reload: () => setVersion((v) => v + 1) };
};

/** One check a verifier made, as the shared verifiers report them. */
export interface Check {
  ok: boolean;
  detail: string;
}

/**
 * A verification run in the browser: the button, its progress, MATCH or MISMATCH with the
 * failing checks' details, and a refusal if it could not run. `verify` reports its progress.
 */
export const Verification = <C extends Check>({
  label,
  working,
  verify,
  matched,
  nameOf,
  details,
}: {
  label: string;
  working: string;
  verify: (onProgress: (fraction: number) => void) => Promise<C[]>;
  /** The MATCH line, given how many checks agreed. */
  matched: (count: number) => string;
  /** How a failed check is named in the MISMATCH line. */
  nameOf: (check: C) => string;
  /** Optional: every check, shown under the verdict. */
  details?: (checks: C[]) => ComponentChildren;
}) => {
  const [progress, setProgress] = useState<number>();
  const check = useAction(async () => {
    setProgress(0);
    return verify(setProgress);
  });
  const checks = check.result;
  const failed = checks?.filter((c) => !c.ok) ?? [];
  return html`<div>
    <button type="button" disabled=${check.busy} onClick=${() => check.run()}>${label}</button>
    ${check.busy && html`<${Progress} label=${working} value=${progress} />`}
    ${
      checks &&
      html`<p class=${failed.length ? 'refusal' : 'verified'} role="status">
          ${
            failed.length
              ? `✘ MISMATCH：${failed.map((c) => `${nameOf(c)}：${c.detail}`).join('；')}`
              : `✔ ${matched(checks.length)}`
          }
        </p>
        ${details?.(checks)}`
    }
    <${RefusalBox} error=${check.error} />
  </div>`;
};
