/* Generated from schemas/config.schema.json by `npm run gen:types`. Do not edit by hand. */

/**
 * Defaults for every cjm command run in this folder or below it: `cjm.config.yaml` (or `.json`), found upward from the working directory. Flags given on the command line win.
 */
export interface CjmProjectConfiguration {
  /**
   * Output formats of `cjm render` when `--format` is not given.
   *
   * @minItems 1
   *
   * Items: An output format.
   */
  formats?: [
    "markdown" | "mermaid" | "html" | "json" | "svg" | "png" | "pdf",
    ...("markdown" | "mermaid" | "html" | "json" | "svg" | "png" | "pdf")[]
  ];
  /**
   * Output folder of `cjm render`, relative to this file.
   */
  out?: string;
  /**
   * Language of the report labels, overriding each map`s `locale`.
   */
  locale?: "en" | "fr";
  /**
   * Folder of templates replacing the built-in ones by file name, relative to this file.
   */
  templates?: string;
  /**
   * Mermaid diagram kinds to make.
   *
   * @minItems 1
   *
   * Items: A diagram kind.
   */
  diagrams?: ["journey" | "flow" | "opportunities", ...("journey" | "flow" | "opportunities")[]];
  /**
   * Write the portfolio index (index.html, index.md) even for a single map.
   */
  index?: boolean;
  /**
   * Severity of each lint rule: `off`, `warning` or `error`.
   */
  rules?: {
    /**
     * The severity.
     */
    [k: string]: "off" | "warning" | "error" | undefined;
  };
  /**
   * Free data for other tools.
   *
   * This interface was referenced by `CjmProjectConfiguration`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | [
        "markdown" | "mermaid" | "html" | "json" | "svg" | "png" | "pdf",
        ...("markdown" | "mermaid" | "html" | "json" | "svg" | "png" | "pdf")[]
      ]
    | string
    | "en"
    | "fr"
    | ["journey" | "flow" | "opportunities", ...("journey" | "flow" | "opportunities")[]]
    | boolean
    | {
        /**
         * The severity.
         */
        [k: string]: "off" | "warning" | "error" | undefined;
      }
    | undefined;
}
