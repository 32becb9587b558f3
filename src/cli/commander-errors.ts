// commander's own errors (unknown option or command, missing or invalid value, too many
// arguments), in the run's language, each followed by a help line. commander's English wording
// is kept as it is; the French is built from the same parts. A message of a shape not known here
// is shown as commander wrote it.
import type { Command } from "commander";
import { say, type Lang } from "../i18n/lang.js";

const SUGGESTION = /\n\(Did you mean (one of )?(.+)\?\)$/s;

/** commander's `(Did you mean …?)` line, in French. */
function suggestionFr(text: string): string {
  const m = SUGGESTION.exec(text);
  if (!m) return "";
  return m[1] ? `\n(vouliez-vous dire l'une de ces valeurs : ${m[2]} ?)` : `\n(vouliez-vous dire ${m[2]} ?)`;
}

/** commander's message (`error: …`) in French, or undefined for a shape not known here. */
function inFrench(message: string): string | undefined {
  const text = message.replace(/\n+$/, "");
  const base = text.replace(SUGGESTION, "");
  let m: RegExpExecArray | null;
  if ((m = /^error: unknown option '(.+)'$/s.exec(base))) return `erreur : option inconnue \`${m[1]}\`${suggestionFr(text)}`;
  if ((m = /^error: unknown command '(.+)'$/s.exec(base))) return `erreur : commande inconnue \`${m[1]}\`${suggestionFr(text)}`;
  if ((m = /^error: missing required argument '(.+)'$/.exec(base))) return `erreur : argument obligatoire manquant \`${m[1]}\``;
  if ((m = /^error: option '(.+)' argument missing$/.exec(base))) return `erreur : l'option \`${m[1]}\` attend une valeur`;
  if ((m = /^error: required option '(.+)' not specified$/.exec(base))) return `erreur : l'option obligatoire \`${m[1]}\` manque`;
  if ((m = /^error: option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/s.exec(base))) {
    return `erreur : l'option \`${m[1]}\` n'accepte pas \`${m[2]}\` ; valeurs possibles : ${m[3]}`;
  }
  if ((m = /^error: command-argument value '(.*)' is invalid for argument '(.+)'\. Allowed choices are (.+)\.$/s.exec(base))) {
    return `erreur : l'argument \`${m[2]}\` n'accepte pas \`${m[1]}\` ; valeurs possibles : ${m[3]}`;
  }
  if ((m = /^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(base))) {
    const [, name, expected, got] = m;
    const what = Number(expected) <= 1 ? `${expected} argument attendu` : `${expected} arguments attendus`;
    return `erreur : trop d'arguments${name ? ` pour \`${name}\`` : ""} : ${what}, ${got} reçus`;
  }
  if ((m = /^error: (.+) cannot be used with (.+)$/.exec(base))) return `erreur : ${m[1]} ne peut pas être utilisée avec ${m[2]}`;
  return undefined;
}

/** The command a command line names (`cjm data inspect`), as far as its words name commands. */
export function commandPath(program: Command, argv: readonly string[]): string {
  const names = [program.name()];
  let command = program;
  for (const word of argv) {
    if (word.startsWith("-")) continue;
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) break;
    names.push(sub.name());
    command = sub;
  }
  return names.join(" ");
}

/** What stderr shows for commander's error `code` with its `message`: the message in `lang`, then a help line. */
export function commanderErrorText(message: string, code: string, lang: Lang, command: string): string {
  const text = message.replace(/\n+$/, "");
  const shown = lang === "fr" ? (inFrench(text) ?? text) : text;
  const listsCommands = code === "commander.unknownCommand";
  const help = lang === "fr"
    ? `\`${command} --help\` liste ${listsCommands ? "les commandes" : "les options et les arguments"}`
    : `\`${command} --help\` lists the ${listsCommands ? "commands" : "options and arguments"}`;
  return `${shown}\n${say(lang, "help")}: ${help}\n`;
}

/** `--lang` as the command line gives it, read before commander parses (its own errors need it). */
export function langFlag(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === "--") break;
    if (word === "--lang") found = argv[++i];
    else if (word.startsWith("--lang=")) found = word.slice("--lang=".length);
  }
  return found;
}
