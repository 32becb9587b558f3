import path from "node:path";
import { packageFile } from "../../load/package-files.js";
import { starterMap, type StageSet } from "../../init/starter.js";
import type { Locale } from "../../model/types.js";
import { createAtomic } from "../../write/atomic.js";
import { EXIT, UsageError, type Io } from "../io.js";
import type { CommandInput } from "../options.js";

interface InitOptions {
  stages: StageSet;
  locale: Locale;
  title?: string;
  /** A survey export or funnel to start the map from. */
  data?: string;
}

/** The schema of the running cjm, relative to the new file, so editors complete and check it. */
export function schemaPathFor(target: string): string {
  const schema = packageFile("schemas/journey.schema.json");
  const rel = path.relative(path.dirname(target), schema).split(path.sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

export async function initCommand(io: Io, { args, options }: CommandInput<InitOptions>): Promise<number> {
  const file = args[0] ?? "journey.yaml";
  const target = path.resolve(io.cwd, file === "-" ? "journey.yaml" : file);
  let text = starterMap({
    stages: options.stages,
    locale: options.locale,
    schemaPath: schemaPathFor(target),
    ...(options.title !== undefined && { title: options.title }),
  });
  if (options.data !== undefined) {
    const added = await dataBlock(io, options.data, target, text);
    if (typeof added === "number") return added;
    text += added;
  }
  if (file === "-") {
    io.stdout(text);
    return EXIT.ok;
  }
  try {
    await createAtomic(target, text);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") {
      throw new UsageError(`\`${file}\` already exists; cjm init never overwrites a file`, "choose another name: `cjm init other.yaml`");
    }
    throw new UsageError(`cannot write \`${file}\`: ${(e as Error).message}`);
  }
  io.stderr(`wrote ${file}: edit it, then run \`cjm validate ${file}\`\n`);
  return EXIT.ok;
}

/** The `data:` block for `init --data`: the export inspected, its measures at the journey, funnel steps on the starter's steps. */
async function dataBlock(io: Io, data: string, target: string, starter: string): Promise<string | number> {
  const { inspectData, suggestEntry } = await import("../../data/inspect.js");
  const { periodFrom } = await import("./data.js");
  const { parse } = await import("yaml");
  const { deriveId } = await import("../../model/slug.js");
  const absolute = path.resolve(io.cwd, data);
  const inspection = await inspectData(absolute, data);
  if ("severity" in inspection) {
    if (inspection.code === "data-file-missing") throw new UsageError(`--data \`${data}\`: ${inspection.message}`);
    io.stderr(`error[${inspection.code}]: ${data} ${inspection.message}\n  --> ${data}:1:1\n${inspection.help ? `  = help: ${inspection.help}\n` : ""}`);
    return EXIT.invalid;
  }
  const rel = path.relative(path.dirname(target), absolute).split(path.sep).join("/");
  let entry = suggestEntry(inspection, rel, deriveId(path.basename(data).replace(/\.[^.]+$/, ""), "data", 1), periodFrom(data));
  if (inspection.steps) {
    // The funnel's steps go on the starter's steps, in order; labels beyond them stay as comments.
    const map = parse(starter) as { stages: { steps: { name: string }[] }[] };
    const ids = map.stages.flatMap((st) => st.steps).map((st, i) => deriveId(st.name, "step", i + 1));
    entry = entry.replace(/^      (.+): step-(\d+)$/gm, (_line: string, key: string, n: string) => {
      const id = ids[Number(n) - 1];
      return id ? `      ${key}: ${id}` : `      # ${key}: <step id>`;
    });
  }
  return `data:   # from \`cjm init --data\`: point each \`at:\` to the stage or step it measures\n${entry}`;
}
