// Control characters in user text (YAML escapes such as "\e" or "\a" let them in): a terminal acts
// on them (erase a line, fake a success line, set the window title), so terminal output shows them
// as visible escapes; files cjm writes for people drop them.

/** C0 controls but tab and line ends (a lone CR, which moves a terminal's cursor, goes), DEL, C1. */
const DROPPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/g;
/** A string that may hold one of those: a non-global test is twice as fast as a replace that finds nothing. */
const MAY_DROP = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** Every C0 and C1 control, DEL, and the bidirectional overrides that reorder what a line shows. */
const SHOWN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED = new Map([
  ["\n", "\\n"],
  ["\r", "\\r"],
  ["\t", "\\t"],
]);

/** Text for a terminal: each control character written as `\xNN` (`\n`, `\r`, `\t` by name). */
export function visibleControls(text: string): string {
  return text.replace(SHOWN, (c) => {
    const code = c.codePointAt(0)!;
    return NAMED.get(c) ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`);
  });
}

/** Text for a file people read (Markdown, Mermaid, HTML): control characters removed. */
export function dropControls(text: string): string {
  return MAY_DROP.test(text) ? text.replace(DROPPED, "") : text;
}

/**
 * Plain data (objects, arrays) with every string passed through `f`. Parts `f` leaves unchanged
 * are returned as they are, not copied: a 2,000-step map without a control character costs one
 * walk and no allocation.
 */
export function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === "string") return f(value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const m = mapStrings(v, f);
      if (out === undefined && m !== v) out = value.slice(0, i);
      out?.push(m);
    }
    return (out ?? value) as T;
  }
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    let out: Record<string, unknown> | undefined;
    const entries = Object.entries(value);
    for (let i = 0; i < entries.length; i++) {
      const [k, v] = entries[i]!;
      const m = mapStrings(v, f);
      if (out === undefined && m !== v) out = Object.fromEntries(entries.slice(0, i));
      if (out !== undefined) out[k] = m;
    }
    return (out ?? value) as T;
  }
  return value;
}
