import { messageLanguage } from "../i18n/lang.js";
import type { Io } from "./io.js";

/** The counters' labels in French. */
const FRENCH: Record<string, string> = { checking: "vérification", rendering: "rendu", drawing: "dessin" };

/**
 * A counter on stderr for long runs, redrawn in place: only on a terminal, never in CI logs or
 * when stdout carries results.
 */
export function progress(io: Io, label: string, total: number, enabled: boolean) {
  const show = enabled && io.stderrIsTTY && total > 1;
  let done = 0;
  const shown = messageLanguage(io.lang, io.env) === "fr" ? (FRENCH[label] ?? label) : label;
  const draw = () => io.stderr(`\r${shown} ${done}/${total}`);
  if (show) draw();
  return {
    tick() {
      done++;
      if (show) draw();
    },
    end() {
      if (show) io.stderr("\r\u001b[2K");
    },
  };
}
