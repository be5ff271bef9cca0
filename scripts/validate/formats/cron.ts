// CronJob schedules as the API server parses them (robfig/cron's standard parser): five fields, or a
// descriptor such as @daily or `@every 1h30m`. A time zone belongs in spec.timeZone, not in the schedule.

interface Field {
  name: string;
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const FIELDS: Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 6, names: DAYS },
];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const GO_DURATION = /^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const NUMBER = /^\d+$/;
const WHITESPACE = /\s+/;

/** Why a schedule is invalid, or undefined. */
export function cronScheduleProblem(schedule: string): string | undefined {
  const trimmed = schedule.trim();
  if (trimmed === '') return 'schedule is empty';
  if (schedule.includes('TZ'))
    return 'a time zone (TZ= or CRON_TZ=) in the schedule is rejected; set spec.timeZone instead';
  if (trimmed.startsWith('@')) {
    if (DESCRIPTORS.has(trimmed)) return undefined;
    if (trimmed.startsWith('@every ')) {
      const d = trimmed.slice('@every '.length).trim();
      return GO_DURATION.test(d) || d === '0'
        ? undefined
        : `"@every ${d}": ${JSON.stringify(d)} is not a duration (e.g. 1h30m, 90s)`;
    }
    return `unknown descriptor ${JSON.stringify(trimmed)} (use @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>)`;
  }
  const fields = trimmed.split(WHITESPACE);
  if (fields.length !== 5)
    return `schedule has ${fields.length} field${fields.length === 1 ? '' : 's'}, expected 5 (minute hour day-of-month month day-of-week)`;
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(fields[i], FIELDS[i]);
    if (problem) return problem;
  }
  return undefined;
}

function fieldProblem(text: string, field: Field): string | undefined {
  for (const part of text.split(',')) {
    const problem = rangeProblem(part, field);
    if (problem) return `${field.name} ${JSON.stringify(text)}: ${problem}`;
  }
  return undefined;
}

function rangeProblem(part: string, field: Field): string | undefined {
  const slash = part.split('/');
  if (slash.length > 2) return `too many '/' in ${JSON.stringify(part)}`;
  const [range, stepText] = slash as [string, string | undefined];
  let start: number;
  let end: number;
  if (range === '*' || range === '?') {
    start = field.min;
    end = field.max;
  } else {
    const dash = range.split('-');
    if (dash.length > 2) return `too many '-' in ${JSON.stringify(part)}`;
    const a = value(dash[0], field);
    if (typeof a === 'string') return a;
    start = a;
    if (dash.length === 2) {
      const b = value(dash[1], field);
      if (typeof b === 'string') return b;
      end = b;
    } else {
      end = stepText !== undefined ? field.max : start;
    }
  }
  if (start < field.min) return `${start} is below ${field.min}`;
  if (end > field.max) return `${end} is above ${field.max}`;
  if (start > end) return `range ${start}-${end} runs backwards`;
  if (stepText !== undefined) {
    if (!NUMBER.test(stepText)) return `step ${JSON.stringify(stepText)} is not a number`;
    if (Number(stepText) === 0) return 'step must be a positive number';
  }
  return undefined;
}

function value(text: string, field: Field): number | string {
  if (NUMBER.test(text)) return Number(text);
  const named = field.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  return text === '' ? 'empty value' : `${JSON.stringify(text)} is not a number${field.names ? ' or name' : ''}`;
}
