/**
 * The Content-Security-Policy of every HTML page cjm writes or prints: no script (but the report's
 * own, by its hash, where the page carries it), no request but
 * `data:` for images and fonts, inline styles only. The built-in templates carry it in a `<meta>`;
 * HTML from a user template gets it injected first (`withCsp`); printed pages get it as a response
 * header, which nothing in the page can loosen.
 */
export const CSP = "default-src 'none'; style-src 'unsafe-inline' data:; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The policy with one script allowed by its hash (`'sha256-…'`) when given. */
export function cspWith(scriptHash?: string): string {
  return scriptHash ? CSP.replace("default-src 'none';", `default-src 'none'; script-src '${scriptHash}';`) : CSP;
}

/** A doctype, `<html …>` and `<head …>` at the very start (comments and text stop the match). */
const LEADING = /^\uFEFF?\s*(?:<!doctype[^>]*>\s*)?(?:<html(?:\s[^>]*)?>\s*)?(?:<head(?:\s[^>]*)?>)?/i;

/**
 * HTML with cjm's CSP as the first element the parser meets: right after a leading doctype,
 * `<html>` and `<head>`, else at the very start (the parser then opens the head for it). Several
 * policies are all enforced, so one the template writes can only tighten it.
 */
export function withCsp(html: string, scriptHash?: string): string {
  const at = LEADING.exec(html)?.[0].length ?? 0;
  // `frame-ancestors` works only as a header: in a <meta> browsers ignore it and log an error.
  const policy = cspWith(scriptHash).replace("; frame-ancestors 'none'", "");
  return html.slice(0, at) + `<meta http-equiv="Content-Security-Policy" content="${policy}">` + html.slice(at);
}
