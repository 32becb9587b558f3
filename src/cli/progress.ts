import type { Io } from "./io.js";

/**
 * A counter on stderr for long runs, redrawn in place: only on a terminal, never in CI logs or
 * when stdout carries results.
 */
export function progress(io: Io, label: string, total: number, enabled: boolean) {
  const show = enabled && io.stderrIsTTY && total > 1;
  let done = 0;
  const draw = () => io.stderr(`\r${label} ${done}/${total}`);
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
