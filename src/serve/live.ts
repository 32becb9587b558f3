import { createHash } from "node:crypto";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { codeFrame } from "../diagnostics/formatters/pretty.js";
import { VIEWS_SCRIPT_HASH } from "../render/html/views.js";
import type { MapProblems } from "./site.js";

/**
 * The one script of a served page: it listens to the event stream and, on a new build, fetches
 * the page again and swaps its body and styles in place (no reload, scroll kept).
 */
export const LIVE_SCRIPT =
  '(()=>{let v=null;const es=new EventSource("/__cjm/events");' +
  "es.onmessage=async(e)=>{if(v===null){v=e.data;return}if(e.data===v)return;v=e.data;" +
  'const r=await fetch(location.pathname,{cache:"no-store"});if(!r.ok)return;' +
  'const doc=new DOMParser().parseFromString(await r.text(),"text/html");const x=scrollX,y=scrollY;' +
  'document.title=doc.title;for(const s of document.head.querySelectorAll("style"))s.remove();' +
  'for(const s of doc.head.querySelectorAll("style"))document.head.appendChild(document.adoptNode(s));' +
  "document.body.replaceWith(document.adoptNode(doc.body));scrollTo(x,y);" +
  'document.dispatchEvent(new Event("cjm:update"));' +
  'document.documentElement.dataset.cjmVersion=v;}})();';

export const LIVE_SCRIPT_HASH = `sha256-${createHash("sha256").update(LIVE_SCRIPT).digest("base64")}`;

/** The served page's policy: the written report's (its views script), plus the live script by its hash and `connect-src 'self'` for the stream. */
export const SERVE_CSP = `default-src 'none'; style-src 'unsafe-inline' data:; img-src data:; font-src data:; script-src '${LIVE_SCRIPT_HASH}' '${VIEWS_SCRIPT_HASH}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.codePointAt(0)};`);
}

/** A link that opens the file at the line in VS Code. */
export function editorLink(absolutePath: string, line: number, col: number): string {
  return `vscode://file${encodeURI(absolutePath.split(path.sep).join("/")).replace(/[?#]/g, encodeURIComponent)}:${line}:${col}`;
}

function overlayItem(d: Diagnostic, problem: MapProblems, cwd: string): string {
  const line = d.span?.start.line ?? 1;
  const col = d.span?.start.col ?? 1;
  const absolute = d.file === problem.file ? problem.absolutePath : path.resolve(cwd, d.file);
  const where = `${d.file}:${line}:${col}`;
  const text = problem.sources.get(d.file);
  const frame = d.span && text !== undefined ? codeFrame(text, d.span) : undefined;
  return (
    `<li class="cjm-problem" style="margin:0 0 12px">` +
    `<a href="${escapeHtml(editorLink(absolute, line, col))}" style="color:#93c5fd">${escapeHtml(where)}</a> ` +
    `<code style="color:#fca5a5">${escapeHtml(`${d.severity}[${d.code}]`)}</code> ${escapeHtml(d.message)}` +
    (frame ? `<pre style="margin:4px 0;color:#e5e7eb;white-space:pre-wrap">${escapeHtml(`${line} | ${frame.line}\n${" ".repeat(String(line).length)} | ${frame.caret}`)}</pre>` : "") +
    (d.help ? `<div style="color:#d1d5db">help: ${escapeHtml(d.help)}</div>` : "") +
    `</li>`
  );
}

/** The diagnostics over the last good page: where, what, how to fix, each opening the editor. */
export function overlayHtml(problems: readonly MapProblems[], cwd: string): string {
  if (problems.length === 0) return "";
  const items = problems.flatMap((p) => p.diagnostics.map((d) => overlayItem(d, p, cwd)));
  return (
    `<aside id="cjm-overlay" role="alert" aria-labelledby="cjm-overlay-title" style="position:fixed;inset:auto 16px 16px 16px;max-height:60vh;overflow:auto;z-index:2147483647;background:#111827;color:#f9fafb;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;padding:16px 20px;border-radius:8px;border-left:6px solid #ef4444;box-shadow:0 10px 30px rgba(0,0,0,.4)">` +
    `<h2 id="cjm-overlay-title" style="margin:0 0 10px;font-size:16px">${items.length} ${items.length === 1 ? "problem" : "problems"}: showing the last good version</h2>` +
    `<ul style="list-style:none;margin:0;padding:0">${items.join("")}</ul></aside>`
  );
}

const CSP_META = /<meta\s+http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>/gi;
const HEAD = /<head(?:\s[^>]*)?>/i;
const BODY = /<body(?:\s[^>]*)?>/i;

/** The page as served: its CSP meta replaced by the header policy, the live script, the overlay. */
export function servedPage(html: string, overlay: string): string {
  let out = html.replace(CSP_META, "");
  const script = `<script>${LIVE_SCRIPT}</script>`;
  const head = HEAD.exec(out);
  out = head ? out.slice(0, head.index + head[0].length) + script + out.slice(head.index + head[0].length) : script + out;
  const body = BODY.exec(out);
  if (overlay !== "") out = body ? out.slice(0, body.index + body[0].length) + overlay + out.slice(body.index + body[0].length) : out + overlay;
  return out;
}
