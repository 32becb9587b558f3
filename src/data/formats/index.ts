import type { DataFormat, FormatReader } from "../types.js";
import { csv } from "./csv.js";
import { funnel } from "./funnel.js";
import { ga4Funnel } from "./ga4-funnel.js";
import { googleForms } from "./google-forms.js";
import { qualtrics } from "./qualtrics.js";
import { surveymonkey } from "./surveymonkey.js";
import { typeform } from "./typeform.js";

/** In detection order: the plain CSV reader takes whatever the others do not recognise. */
export const FORMAT_READERS: readonly FormatReader[] = [qualtrics, surveymonkey, typeform, googleForms, ga4Funnel, funnel, csv];

export function readerFor(format: DataFormat): FormatReader {
  return FORMAT_READERS.find((r) => r.format === format)!;
}
