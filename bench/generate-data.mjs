// A large survey export for the data bench: Qualtrics-shaped (three header rows, `Finished`), 20
// columns, `rows` responses, deterministic. Answers are spread over the scales; every 20th row is a
// partial response; text columns hold e-mail addresses and free text, as real exports do.
import { createWriteStream } from "node:fs";

export async function writeSurvey(file, rows) {
  const out = createWriteStream(file);
  const write = (s) => (out.write(s) ? undefined : new Promise((r) => out.once("drain", r)));
  const ids = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate", "ResponseId", "RecipientEmail", "Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8_TEXT", "Segment", "Channel"];
  await write(ids.join(",") + "\n");
  await write(ids.map((id) => `"${id} question text"`).join(",") + "\n");
  await write(ids.map((id) => `"{""ImportId"":""${id}""}"`).join(",") + "\n");
  let seed = 7;
  const next = (n) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  for (let i = 0; i < rows; i++) {
    const finished = i % 20 === 19 ? 0 : 1;
    const line = [
      "2026-07-01 09:00:00", "2026-07-01 09:05:00", 0, `198.51.${next(256)}.${next(256)}`, finished ? 100 : 40, 100 + next(600), finished, "2026-07-01 09:05:01",
      `R_${i.toString(36)}`, `person${i}@example.com`, next(11), 1 + next(5), 1 + next(7), next(11), 1 + next(5), 1 + next(7), next(11),
      next(4) === 0 ? `"Comment ${i}, with a comma and ""quotes"""` : "", next(2) ? "Small business" : "Retired", next(2) ? "web" : "app",
    ];
    await write(line.join(",") + "\n");
  }
  await new Promise((r) => out.end(r));
}

export const SURVEY_MAP = `cjm: 1
title: Data bench
objective: How fast are survey exports read?
personas: [{ id: marie, name: Marie }, { id: ruth, name: Ruth }]
channels: [{ id: web, name: Web }]
stages:
  - id: buy
    name: Buy
    steps:
      - { id: pays, name: Pays, emotion: 3, touchpoints: [{ channel: web, name: Checkout }] }
data:
  - id: survey
    file: survey.csv
    period: 2026-Q3
    measures:
      - { metric: nps, column: Q1, at: journey }
      - { metric: csat, column: Q2, at: pays }
      - { metric: ces, column: Q3, scale: 7, at: buy }
      - { quotes: Q8_TEXT, at: pays, limit: 5 }
    segment: { column: Segment, personas: { "Small business": marie, "Retired": ruth } }
`;
