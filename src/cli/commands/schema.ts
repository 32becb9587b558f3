import { readFile } from "node:fs/promises";
import { journeySchemaText } from "../../validate/validators.js";
import { EXIT, type Io } from "../io.js";
import type { CommandInput } from "../options.js";

export async function schemaCommand(io: Io, { options }: CommandInput<{ persona: boolean }>): Promise<number> {
  io.stdout(options.persona ? await readFile(new URL("../../../schemas/persona.schema.json", import.meta.url), "utf8") : journeySchemaText());
  return EXIT.ok;
}
