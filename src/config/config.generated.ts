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
   * Severity of each lint rule: `off`, `warning` or `error`. `stale-data` may instead be a mapping with its `severity` and `days`, how old the newest wave of a figure may be.
   */
  rules?: {
    /**
     * `stale-data`: a severity, or `{ severity, days }`.
     */
    "stale-data"?:
      | ("off" | "warning" | "error")
      | {
          /**
           * The severity.
           */
          severity?: "off" | "warning" | "error";
          /**
           * How many days after the end of its period the newest wave of a figure may be (default 365).
           */
          days?: number;
        };
    /**
     * The severity.
     */
    [k: string]:
      | "off"
      | "warning"
      | "error"
      | {
          /**
           * The severity.
           */
          severity?: "off" | "warning" | "error";
          /**
           * How many days after the end of its period the newest wave of a figure may be (default 365).
           */
          days?: number;
        }
      | undefined;
  };
  /**
   * A YAML file of reference values (`benchmarks:`, each with `source`, `year`, `method`, `scale`) for every map below this file, relative to this file and inside its folder. A map's own `benchmarks:` wins.
   */
  benchmarks?: string;
  /**
   * Saved views of the HTML report: each renders as its own report, `<id>.<view>.html`, linked from the index. A view names the lanes shown, the personas shown and the stages shown; what it leaves out is hidden.
   */
  views?: {
    /**
     * A saved view.
     */
    [k: string]:
      | {
          /**
           * The lanes shown, by key: `goal`, `does`, `thinks`, `feels`, `curve`, `emotion`, `touchpoints`, `pains`, `gains`, `frontstage`, `backstage`, `support`, `systems`, `data`, `owners`, `evidence`.
           *
           * @minItems 1
           *
           * Items: A lane key.
           */
          lanes?: [
            (
              | "goal"
              | "does"
              | "thinks"
              | "feels"
              | "curve"
              | "emotion"
              | "touchpoints"
              | "pains"
              | "gains"
              | "frontstage"
              | "backstage"
              | "support"
              | "systems"
              | "data"
              | "owners"
              | "evidence"
            ),
            ...(
              | "goal"
              | "does"
              | "thinks"
              | "feels"
              | "curve"
              | "emotion"
              | "touchpoints"
              | "pains"
              | "gains"
              | "frontstage"
              | "backstage"
              | "support"
              | "systems"
              | "data"
              | "owners"
              | "evidence"
            )[]
          ];
          /**
           * Ids of the personas shown.
           *
           * @minItems 1
           *
           * Items: A persona id.
           */
          personas?: [string, ...string[]];
          /**
           * Ids of the stages shown.
           *
           * @minItems 1
           *
           * Items: A stage id.
           */
          stages?: [string, ...string[]];
        }
      | undefined;
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
         * `stale-data`: a severity, or `{ severity, days }`.
         */
        "stale-data"?:
          | ("off" | "warning" | "error")
          | {
              /**
               * The severity.
               */
              severity?: "off" | "warning" | "error";
              /**
               * How many days after the end of its period the newest wave of a figure may be (default 365).
               */
              days?: number;
            };
        /**
         * The severity.
         */
        [k: string]:
          | "off"
          | "warning"
          | "error"
          | {
              /**
               * The severity.
               */
              severity?: "off" | "warning" | "error";
              /**
               * How many days after the end of its period the newest wave of a figure may be (default 365).
               */
              days?: number;
            }
          | undefined;
      }
    | {
        /**
         * A saved view.
         */
        [k: string]:
          | {
              /**
               * The lanes shown, by key: `goal`, `does`, `thinks`, `feels`, `curve`, `emotion`, `touchpoints`, `pains`, `gains`, `frontstage`, `backstage`, `support`, `systems`, `data`, `owners`, `evidence`.
               *
               * @minItems 1
               *
               * Items: A lane key.
               */
              lanes?: [
                (
                  | "goal"
                  | "does"
                  | "thinks"
                  | "feels"
                  | "curve"
                  | "emotion"
                  | "touchpoints"
                  | "pains"
                  | "gains"
                  | "frontstage"
                  | "backstage"
                  | "support"
                  | "systems"
                  | "data"
                  | "owners"
                  | "evidence"
                ),
                ...(
                  | "goal"
                  | "does"
                  | "thinks"
                  | "feels"
                  | "curve"
                  | "emotion"
                  | "touchpoints"
                  | "pains"
                  | "gains"
                  | "frontstage"
                  | "backstage"
                  | "support"
                  | "systems"
                  | "data"
                  | "owners"
                  | "evidence"
                )[]
              ];
              /**
               * Ids of the personas shown.
               *
               * @minItems 1
               *
               * Items: A persona id.
               */
              personas?: [string, ...string[]];
              /**
               * Ids of the stages shown.
               *
               * @minItems 1
               *
               * Items: A stage id.
               */
              stages?: [string, ...string[]];
            }
          | undefined;
      }
    | undefined;
}
