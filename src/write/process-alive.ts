/** Whether a process of this machine still runs: the owner of a temporary file, a browser profile
 * or a `cjm serve` discovery file (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
