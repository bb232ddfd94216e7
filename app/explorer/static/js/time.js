// Reported times: shown as the article gives them, at their precision.

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

export function formatValue(value, precision) {
  if (!value) return null;
  const [date, clock] = value.split("T");
  const [year, month, day] = date.split("-");
  if (precision === "year" || !month) return year;
  const monthName = MONTHS[Number(month) - 1];
  if (precision === "month" || !day) return `${monthName} ${year}`;
  const text = `${Number(day)} ${monthName} ${year}`;
  return precision === "minute" && clock ? `${text}, ${clock.slice(0, 5)}` : text;
}

// "26 October 2022 (day)" or "between 27 October 2022 and …" when only bounds are known.
export function formatTime(time) {
  if (!time) return "unknown";
  const shown = formatValue(time.value, time.precision);
  if (shown) return shown;
  if (time.earliest && time.latest) return `between ${time.earliest} and ${time.latest}`;
  if (time.earliest) return `on or after ${time.earliest}`;
  if (time.latest) return `on or before ${time.latest}`;
  return "unknown";
}

export function details(time) {
  if (!time) return [];
  const parts = [];
  if (time.precision) parts.push(`${time.precision} precision`);
  if (time.timezone) parts.push(time.timezone);
  if (time.value && time.earliest) parts.push(`not before ${time.earliest}`);
  if (time.value && time.latest) parts.push(`not after ${time.latest}`);
  return parts;
}

// A timeline item's span from the /timeline start and end: "2010" or "June 2022" when it
// covers the whole year or month its precision names, else the first and last possible day.
export function formatSpan(item) {
  if (!item.start) return "undated";
  const { start, precision } = item;
  const end = item.end || start;
  if (start === end) return formatValue(start, "day");
  const year = start.slice(0, 4);
  if (precision === "year" && start === `${year}-01-01` && end === `${year}-12-31`) return year;
  if (precision === "month" && start.endsWith("-01") && end === lastDay(start)) {
    return formatValue(start, "month");
  }
  if (start.slice(0, 7) === end.slice(0, 7)) return `${Number(start.slice(8))}–${shortDay(end)}`;
  return `${shortDay(start)} – ${shortDay(end)}`;
}

function lastDay(day) {
  const [year, month] = day.split("-").map(Number);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${day.slice(0, 8)}${String(last).padStart(2, "0")}`;
}

function shortDay(day) {
  const [year, month, date] = day.split("-");
  return `${Number(date)} ${MONTHS[Number(month) - 1].slice(0, 3)} ${year}`;
}
