import { readFile } from "node:fs/promises";
import { packageFile } from "../../../load/package-files.js";
import { journeySchemaText } from "../../../validate/validators.js";
import { EXIT, type Io } from "../../io.js";
import type { CommandInput } from "../../options.js";

export async function schemaCommand(io: Io, { options }: CommandInput<{ persona: boolean }>): Promise<number> {
  io.stdout(options.persona ? await readFile(packageFile("schemas/persona.schema.json"), "utf8") : journeySchemaText());
  return EXIT.ok;
}
