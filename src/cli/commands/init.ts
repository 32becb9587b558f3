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
  const text = starterMap({
    stages: options.stages,
    locale: options.locale,
    schemaPath: schemaPathFor(target),
    ...(options.title !== undefined && { title: options.title }),
  });
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
