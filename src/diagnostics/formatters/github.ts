import type { DiagnosticReport } from "../report.js";

/**
 * GitHub Actions workflow commands: one `::error` or `::warning` annotation per diagnostic, shown on
 * the pull request's lines. Data and properties are escaped as the runner expects.
 */
export function formatGithub(report: DiagnosticReport): string {
  return report.diagnostics
    .map((d) => {
      const props = [`file=${prop(d.file)}`];
      if (d.span) {
        props.push(`line=${d.span.start.line}`, `col=${d.span.start.col}`);
        props.push(`endLine=${d.span.end.line}`);
        if (d.span.end.line === d.span.start.line) props.push(`endColumn=${d.span.end.col}`);
      }
      props.push(`title=${prop(`cjm ${d.code}`)}`);
      const text = d.help ? `${d.message}\nhelp: ${d.help}` : d.message;
      return `::${d.severity} ${props.join(",")}::${data(text)}\n`;
    })
    .join("");
}

function data(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function prop(s: string): string {
  return data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
