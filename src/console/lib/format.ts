/** Dates as a DPO reads them: day and time in the browser's locale, never a raw ISO string. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** ENUM_VALUES as words: "NOT_FOUND" → "not found", "ADOBE_SIGN" → "Adobe Sign". */
export function words(value: string): string {
  return value.toLowerCase().replace(/_/g, ' ');
}

const SYSTEM_NAMES: Record<string, string> = {
  LOCAL: 'Gateway store',
  SALESFORCE: 'Salesforce',
  MARKETO: 'Marketo',
  LIVECHAT: 'LiveChat',
  SURVEYMONKEY: 'SurveyMonkey',
  ADOBE_SIGN: 'Adobe Sign',
  GOOGLE_ANALYTICS: 'Google Analytics',
};

export function systemName(system: string | null | undefined): string {
  if (!system) return '—';
  return SYSTEM_NAMES[system] ?? words(system);
}
