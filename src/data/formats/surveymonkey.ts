import type { FormatReader } from "../types.js";

/**
 * SurveyMonkey CSV: two header rows, the question text, then `Response` or the choice labels of a
 * multi-column question (whose question text is blank right of its first column). A single-answer
 * column is named by its question; a multi-column one by `question - label`.
 */
export const surveymonkey: FormatReader = {
  format: "surveymonkey",
  detect: (rows) => (rows[0]?.includes("Respondent ID") ?? false) && (rows[1]?.some((c) => c === "Response" || c === "Open-Ended Response") ?? false),
  header: (rows) => {
    const top = rows[0] ?? [];
    const sub = rows[1] ?? [];
    const names: string[] = [];
    let question = "";
    for (let i = 0; i < Math.max(top.length, sub.length); i++) {
      const own = top[i] ?? "";
      if (own !== "") question = own;
      const label = sub[i] ?? "";
      const multi = own === "" || (top[i + 1] === "" && label !== "" && label !== "Response" && label !== "Open-Ended Response");
      names.push(multi && label !== "" && question !== "" ? `${question} - ${label}` : own || label);
    }
    return { headerRows: 2, names, aliases: [] };
  },
};
