// What a command is: its name, help, arguments and options, and its handler's module, imported only
// when the command runs (a spec imports nothing heavy, so `cjm --help` and `cjm validate` load only
// the handler they run). Each command's spec sits beside its handler: src/cli/commands/<verb>/.
import { Argument, Command, Option } from "commander";
import type { Io } from "./io.js";
import type { CommandInput } from "./options.js";

export type Handler = (io: Io, input: CommandInput<never>) => Promise<number>;

export interface OptionSpec {
  flags: string;
  description: string;
  default?: unknown;
  choices?: readonly string[];
}

export interface ArgumentSpec {
  name: string;
  description: string;
  default?: unknown;
  choices?: readonly string[];
}

export interface CommandSpec {
  name: string;
  summary: string;
  description?: string;
  arguments?: readonly ArgumentSpec[];
  options?: readonly OptionSpec[];
  /** The end of `--help`: examples. */
  examples?: string;
  handler?: () => Promise<Handler>;
  commands?: readonly CommandSpec[];
}

// Options that several commands share, written once.
export const ROOT_OPTION: OptionSpec = { flags: "--root <dir>", description: "project folder that persona paths may not leave" };
export const MAX_SIZE_OPTION: OptionSpec = { flags: "--max-size <megabytes>", description: "largest file read, in MB", default: "5" };
export const MAX_DATA_SIZE_OPTION: OptionSpec = { flags: "--max-data-size <megabytes>", description: "largest data file (survey export, funnel) read, in MB", default: "200" };
export const FORCE_OPTION: OptionSpec = { flags: "--force", description: "overwrite an existing output file", default: false };
export const LANG_OPTION: OptionSpec = {
  flags: "--lang <lang>",
  description: "language of cjm's messages (default: from LC_ALL, LC_MESSAGES or LANG); report labels follow --locale",
  choices: ["en", "fr"],
};

/** The maps a command reads: files, folders or globs, the current folder by default. */
export const PATHS_ARGUMENT: ArgumentSpec = { name: "[paths...]", description: "files, folders or glob patterns", default: ["."] };

/** Options of the commands that read many maps. */
export const INPUT_OPTIONS: readonly OptionSpec[] = [
  { ...ROOT_OPTION, description: "project folder that persona paths may not leave (default: per map, the folder of the nearest cjm.config.yaml, else the git top level, else the map's folder)" },
  MAX_SIZE_OPTION,
  MAX_DATA_SIZE_OPTION,
  { flags: "-j, --jobs <n>", description: "maps rendered at once: the main thread and n-1 worker threads (default: one per core from 16 files on)" },
];

/** `--locale`: the language of the labels; what it defaults to is the command's. */
export function localeOption(description: string, defaultValue?: string): OptionSpec {
  return { flags: "--locale <locale>", description, choices: ["en", "fr"], ...(defaultValue !== undefined && { default: defaultValue }) };
}

export function makeOption(spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.choices) option.choices(spec.choices);
  if (spec.default !== undefined) option.default(spec.default);
  return option;
}

/**
 * Adds the command to `parent`; `dispatch` wraps the handler's loader into commander's action.
 * Built through `parent.command()` so the command inherits the program's output and error settings.
 */
export function addCommand(parent: Command, spec: CommandSpec, dispatch: (load: () => Promise<Handler>) => (...args: unknown[]) => Promise<void>): Command {
  const command = parent.command(spec.name).summary(spec.summary);
  if (spec.description !== undefined) command.description(spec.description);
  for (const a of spec.arguments ?? []) {
    const argument = new Argument(a.name, a.description);
    if (a.choices) argument.choices(a.choices);
    if (a.default !== undefined) argument.default(a.default);
    command.addArgument(argument);
  }
  for (const o of spec.options ?? []) command.addOption(makeOption(o));
  if (spec.examples !== undefined) command.addHelpText("after", spec.examples);
  if (spec.handler) command.action(dispatch(spec.handler));
  for (const sub of spec.commands ?? []) addCommand(command, sub, dispatch);
  return command;
}
