/**
 * A mistake in how cjm was called, or a broken environment (no browser, an output folder that
 * cannot be written): the CLI prints one clear line and exits 2. Bad input is never this: it is a
 * diagnostic.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly help?: string,
  ) {
    super(message);
  }
}
