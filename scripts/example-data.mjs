// Writes the example data files under examples/data/: survey exports and funnels in the shapes
// Qualtrics, SurveyMonkey, Google Forms and GA4 write them, two waves each. Deterministic (a fixed
// seed); the answer counts are chosen so that the figures are easy to check by hand. Identities are
// made up (example.com addresses, documentation IP ranges).
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("../examples/data/", import.meta.url));
mkdirSync(dir, { recursive: true });
let seed = 20260930;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const shuffle = (list) => {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
};
/** [value, count] pairs → a shuffled list of answers. */
const answers = (histogram) => shuffle(histogram.flatMap(([v, c]) => Array(c).fill(v)));
const quote = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csv = (rows, eol = "\n") => rows.map((r) => r.map((c) => quote(String(c))).join(",")).join(eol) + eol;
const pad = (n, w = 4) => String(n).padStart(w, "0");
const VERBATIMS = [
  "The address form asked for my postcode twice.",
  "Card was declined, no idea why. Call me back on 06 12 34 56 78",
  "Fast, but I had to create an account first.",
  "Please send the invoice to compta@example.fr instead",
  "Apple Pay would have saved me five minutes.",
  "Shipping costs only showed at the very end.",
  "",
  "",
];

function qualtrics(file, { finished, partial, nps, csat, month }) {
  const ids = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail", "Q5", "Q5_NPS_GROUP", "Q6", "Q8_TEXT", "Segment", ""];
  const text = ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)", "Finished", "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name", "Recipient Email", "How likely are you to recommend our shop to a friend or colleague?", "How likely are you to recommend our shop to a friend or colleague? - Group", "How satisfied were you with the checkout?", "Anything we could do better?", "Which best describes you?", ""];
  const imports = ids.map((id) => (id === "" ? "" : JSON.stringify({ ImportId: id.startsWith("Q") ? `QID${id.slice(1)}` : id.replace(/^./, (c) => c.toLowerCase()) })));
  const n = answers(nps);
  const c = answers(csat);
  const rows = [ids, text, imports];
  const total = finished + partial;
  const partialAt = new Set(shuffle([...Array(total).keys()]).slice(0, partial));
  let k = 0;
  for (let i = 0; i < total; i++) {
    const day = pad(1 + (i % 28), 2);
    const done = !partialAt.has(i);
    const score = done ? n[k] : 10;
    const sat = done ? c[k] : "";
    if (done) k++;
    const group = score === "" ? "" : score >= 9 ? 3 : score >= 7 ? 2 : 1;
    rows.push([`2026-${month}-${day} 09:${pad(i % 60, 2)}:00`, `2026-${month}-${day} 09:${pad(i % 60, 2)}:59`, 0, `198.51.100.${i % 250}`, done ? 100 : 40, 180 + (i % 300), done ? 1 : 0, `2026-${month}-${day} 10:00:00`, `R_${pad(i, 6)}x${(i * 7919).toString(36)}`, `Lastname${i}`, `First${i}`, `resp${pad(i)}@example.com`, score, group, sat, VERBATIMS[i % VERBATIMS.length], i % 3 === 0 ? "Retired" : "Small business owner", ""]);
  }
  writeFileSync(dir + file, csv(rows, "\r\n"));
}

function surveymonkey(file, counts) {
  const labels = ["Very satisfied", "Satisfied", "Neither satisfied nor dissatisfied", "Dissatisfied", "Very dissatisfied"];
  const list = answers(counts.map((c, i) => [labels[i], c]));
  const rows = [
    ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name", "How satisfied are you with the delivery?", "How did you hear about us?", "", ""],
    ["", "", "", "", "", "", "", "", "Response", "Friend", "Search engine", "Other (please specify)"],
  ];
  list.forEach((a, i) => rows.push([114552000 + i, 431877, `09/${pad(1 + (i % 28), 2)}/2026 10:02:11 AM`, `09/${pad(1 + (i % 28), 2)}/2026 10:05:40 AM`, `203.0.113.${i % 250}`, `buyer${pad(i)}@example.com`, `First${i}`, `Last${i}`, a, i % 2 ? "Friend" : "", i % 2 ? "" : "Search engine", i % 7 === 0 ? "A flyer" : ""]));
  writeFileSync(dir + file, csv(rows));
}

function googleForms(file, histogram, month) {
  const list = answers(histogram);
  const rows = [["Timestamp", "The sign-up was easy.", "What is your e-mail address?"]];
  list.forEach((v, i) => rows.push([`2026/${month}/${pad(1 + (i % 28), 2)} ${1 + (i % 12)}:${pad(i % 60, 2)}:00 PM GMT+1`, v === 7 ? "7 - Strongly agree" : v === 1 ? "1 - Strongly disagree" : v, `member${pad(i)}@example.com`]));
  writeFileSync(dir + file, csv(rows));
}

function ga4(file, range, steps) {
  const lines = ["# ----------------------------------------", "# Funnel exploration", "# Checkout funnel", `# ${range}`, "# ----------------------------------------", "", "Step,Active users,Completion rate,Abandonments,Abandonment rate"];
  steps.forEach(([label, users], i) => {
    const next = steps[i + 1]?.[1];
    lines.push(next === undefined ? `${label},${users},,,` : `${label},${users},${(next / users).toFixed(4)},${users - next},${(1 - next / users).toFixed(4)}`);
  });
  writeFileSync(dir + file, lines.join("\n") + "\n");
}

// Q2: NPS (150 − 95) / 380 = +14; CSAT (120 + 130) / 375 = 67 %.  Q3: NPS (180 − 85) / 412 = +23; CSAT (150 + 140) / 405 = 72 %.
qualtrics("checkout-survey-2026-q2.csv", { finished: 380, partial: 25, month: "06", nps: [[10, 90], [9, 60], [8, 70], [7, 65], [6, 40], [5, 25], [4, 10], [3, 10], [2, 5], [1, 3], [0, 2]], csat: [[5, 120], [4, 130], [3, 70], [2, 40], [1, 15], [-99, 5]] });
qualtrics("checkout-survey-2026-q3.csv", { finished: 412, partial: 31, month: "09", nps: [[10, 110], [9, 70], [8, 80], [7, 67], [6, 35], [5, 25], [4, 10], [3, 8], [2, 4], [1, 2], [0, 1]], csat: [[5, 150], [4, 140], [3, 60], [2, 35], [1, 20], [-99, 7]] });
// Delivery CSAT: Q2 150 / 210 = 71 %, Q3 130 / 230 = 57 %: a regression beyond the margin.
surveymonkey("delivery-2026-q2.csv", [70, 80, 30, 20, 10]);
surveymonkey("delivery-2026-q3.csv", [60, 70, 40, 35, 25]);
// Sign-up ease (1..7 agreement): Q2 750 / 150 = 5.0, Q3 871 / 160 = 5.4.
googleForms("signup-2026-q2.csv", [[7, 30], [6, 40], [5, 30], [4, 20], [3, 15], [2, 10], [1, 5]], "06");
googleForms("signup-2026-q3.csv", [[7, 45], [6, 50], [5, 30], [4, 15], [3, 10], [2, 6], [1, 4]], "09");
ga4("checkout-funnel-2026-q2.csv", "20260401-20260630", [["1. view_item", 11200], ["2. begin_checkout", 4700], ["3. add_payment_info", 3100], ["4. purchase", 2400]]);
ga4("checkout-funnel-2026-q3.csv", "20260701-20260930", [["1. view_item", 12000], ["2. begin_checkout", 5400], ["3. add_payment_info", 3800], ["4. purchase", 3240]]);
console.log(`wrote ${dir}`);
