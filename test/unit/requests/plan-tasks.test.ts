import { createAdobeSignConnector } from '../../../src/connectors/adobesign/connector';
import type { ConnectedSystem, ConnectorCapabilities } from '../../../src/connectors/connector.types';
import { GOOGLE_ANALYTICS_CAPABILITIES } from '../../../src/connectors/googleanalytics/connector';
import { LIVECHAT_CAPABILITIES } from '../../../src/connectors/livechat/connector';
import { MARKETO_CAPABILITIES } from '../../../src/connectors/marketo/connector';
import { createSalesforceConnector } from '../../../src/connectors/salesforce/connector';
import { SURVEYMONKEY_CAPABILITIES } from '../../../src/connectors/surveymonkey/connector';
import { DEFAULT_REGISTER_PATH } from '../../../src/config';
import { loadRegister } from '../../../src/policy/load-register';
import type { Register } from '../../../src/policy/register.types';
import { actionFor, planTasks, type PlannableRequestType, type PlannedTask } from '../../../src/requests/plan/plan-tasks';

// The capabilities the connectors really declare; Salesforce and Adobe Sign compute theirs from config.
const SALESFORCE_CONFIG = { url: 'https://login.example.invalid', clientId: 'unit', clientSecret: 'unit' };
const SALESFORCE_CAPABILITIES = createSalesforceConnector(SALESFORCE_CONFIG).capabilities;
const ADOBE_SIGN_CAPABILITIES = createAdobeSignConnector({ url: 'https://api.example.invalid', token: 'unit' }).capabilities;

function allSix(): Map<ConnectedSystem, ConnectorCapabilities> {
  return new Map<ConnectedSystem, ConnectorCapabilities>([
    ['SALESFORCE', SALESFORCE_CAPABILITIES],
    ['MARKETO', MARKETO_CAPABILITIES],
    ['LIVECHAT', LIVECHAT_CAPABILITIES],
    ['SURVEYMONKEY', SURVEYMONKEY_CAPABILITIES],
    ['ADOBE_SIGN', ADOBE_SIGN_CAPABILITIES],
    ['GOOGLE_ANALYTICS', GOOGLE_ANALYTICS_CAPABILITIES],
  ]);
}

/** One line per task: who, action, mode, status, and the capture flags when set. */
function rows(tasks: readonly PlannedTask[]): string[] {
  return tasks.map((task) => {
    const who = `${task.system ?? '-'}/${task.processor ?? '-'}`;
    const captures = task.capturesIdentifiers.length > 0 ? ` captures ${task.capturesIdentifiers.join('+')}` : '';
    return `${who} ${task.action} ${task.mode} ${task.status}${captures}${task.waitsForCapture ? ' waits' : ''}`;
  });
}

const detailOf = (tasks: readonly PlannedTask[], processor: string): string | null =>
  tasks.find((task) => task.processor === processor)?.detail ?? null;

const CONSULTANTS = (action: string, status = 'MANUAL'): string[] => [
  `-/PEDOWITZ_GROUP ${action} MANUAL ${status}`,
  `-/JAROOP ${action} MANUAL ${status}`,
  `-/AMESTO ${action} MANUAL ${status}`,
];

describe('planning the tasks of a privacy request', () => {
  let register: Register;
  beforeAll(() => {
    register = loadRegister(DEFAULT_REGISTER_PATH);
  });

  const plan = (
    type: PlannableRequestType,
    overrides: { connected?: Map<ConnectedSystem, ConnectorCapabilities>; legalHold?: boolean } = {},
  ) => planTasks({ type, connected: overrides.connected ?? allSix(), register, legalHold: overrides.legalHold ?? false });

  it('when an erasure is planned with all six systems connected, then every system erases through its API and Google Analytics waits for the client ids Salesforce and Marketo capture', () => {
    const tasks = plan('ERASURE');
    expect(rows(tasks)).toEqual([
      'LOCAL/- ERASE LOCAL PENDING',
      'SALESFORCE/SALESFORCE ERASE API PENDING captures GA_CLIENT_ID',
      'MARKETO/MARKETO ERASE API PENDING captures GA_CLIENT_ID',
      'LIVECHAT/LIVECHAT ERASE API PENDING',
      'SURVEYMONKEY/SURVEYMONKEY ERASE API PENDING',
      'ADOBE_SIGN/ADOBE_SIGN ERASE API PENDING',
      'GOOGLE_ANALYTICS/GOOGLE_ANALYTICS ERASE API PENDING waits',
      ...CONSULTANTS('ERASE'),
    ]);
    expect(tasks.filter((task) => task.mode === 'API').map((task) => task.detail)).toEqual([null, null, null, null, null, null]);
    expect(detailOf(tasks, 'PEDOWITZ_GROUP')).toBe(
      "Ask Pedowitz Group (Marketing technology consultancy) to erase any copy of the person's data they hold and confirm in writing",
    );
    expect(detailOf(tasks, 'AMESTO')).toBe(
      "Ask Amesto (Translation service provider) to erase any copy of the person's data they hold and confirm in writing",
    );
  });

  it('when a rectification is planned with all six connected, then Google Analytics has nothing to do (it holds no contact data) and the rest correct through their APIs', () => {
    const tasks = plan('RECTIFICATION');
    expect(rows(tasks)).toEqual([
      'LOCAL/- RECTIFY LOCAL PENDING',
      'SALESFORCE/SALESFORCE RECTIFY API PENDING',
      'MARKETO/MARKETO RECTIFY API PENDING',
      'LIVECHAT/LIVECHAT RECTIFY API PENDING',
      'SURVEYMONKEY/SURVEYMONKEY RECTIFY API PENDING',
      'ADOBE_SIGN/ADOBE_SIGN RECTIFY API PENDING',
      'GOOGLE_ANALYTICS/GOOGLE_ANALYTICS RECTIFY API NOTHING_TO_DO',
      ...CONSULTANTS('RECTIFY'),
    ]);
    expect(detailOf(tasks, 'GOOGLE_ANALYTICS')).toBe('holds no email, name or phone');
    expect(detailOf(tasks, 'JAROOP')).toBe(
      "Ask Jaroop (Web development consultancy) to correct the person's data in any copy they hold and confirm in writing",
    );
  });

  it.each<[PlannableRequestType]>([['UNSUBSCRIBE'], ['OBJECTION'], ['CONSENT_WITHDRAWAL']])(
    'when a %s is planned with all six connected, then Salesforce and Marketo opt out through their APIs and the systems without an opt-out API get instructions',
    (type) => {
      const tasks = plan(type);
      expect(rows(tasks)).toEqual([
        'LOCAL/- OPT_OUT LOCAL PENDING',
        'SALESFORCE/SALESFORCE OPT_OUT API PENDING',
        'MARKETO/MARKETO OPT_OUT API PENDING',
        'LIVECHAT/LIVECHAT OPT_OUT MANUAL MANUAL',
        'SURVEYMONKEY/SURVEYMONKEY OPT_OUT MANUAL MANUAL',
        'ADOBE_SIGN/ADOBE_SIGN OPT_OUT MANUAL MANUAL',
        'GOOGLE_ANALYTICS/GOOGLE_ANALYTICS OPT_OUT MANUAL MANUAL',
        ...CONSULTANTS('OPT_OUT'),
      ]);
      expect(detailOf(tasks, 'SURVEYMONKEY')).toBe(
        "SurveyMonkey has no opt-out API: add the person to the account's opt-out list in SurveyMonkey's contacts settings (or erase the contact)",
      );
      expect(detailOf(tasks, 'GOOGLE_ANALYTICS')).toBe(
        "Google Analytics has no opt-out API: apply the person's choice in the website's tag and consent settings",
      );
      for (const task of tasks.filter((planned) => planned.mode === 'MANUAL')) expect(task.detail).toMatch(/\S/);
    },
  );

  it('when Salesforce is not connected, then its task is MANUAL and tells a person to act in Salesforce; only Marketo captures the GA client id', () => {
    const connected = allSix();
    connected.delete('SALESFORCE');
    const erasure = plan('ERASURE', { connected });
    expect(rows(erasure).slice(0, 3)).toEqual([
      'LOCAL/- ERASE LOCAL PENDING',
      'SALESFORCE/SALESFORCE ERASE MANUAL MANUAL',
      'MARKETO/MARKETO ERASE API PENDING captures GA_CLIENT_ID',
    ]);
    expect(detailOf(erasure, 'SALESFORCE')).toBe('Salesforce is not connected to the gateway: erase the person in Salesforce directly');
    expect(rows(erasure)).toContain('GOOGLE_ANALYTICS/GOOGLE_ANALYTICS ERASE API PENDING waits');
    expect(detailOf(plan('RECTIFICATION', { connected }), 'SALESFORCE')).toBe(
      'Salesforce is not connected to the gateway: correct the person in Salesforce directly',
    );
    expect(detailOf(plan('UNSUBSCRIBE', { connected }), 'SALESFORCE')).toBe(
      'Salesforce is not connected to the gateway: opt out the person in Salesforce directly',
    );
  });

  it('when the person is under legal hold, then every erasure task starts BLOCKED (consultants too) and keeps its mode and instructions for the release', () => {
    const held = plan('ERASURE', { legalHold: true });
    const free = plan('ERASURE');
    expect(held.map((task) => task.status)).toEqual(held.map(() => 'BLOCKED'));
    expect(held.map((task, index) => ({ ...task, status: free[index]?.status }))).toEqual(free);
    expect(rows(held)).toEqual([
      'LOCAL/- ERASE LOCAL BLOCKED',
      'SALESFORCE/SALESFORCE ERASE API BLOCKED captures GA_CLIENT_ID',
      'MARKETO/MARKETO ERASE API BLOCKED captures GA_CLIENT_ID',
      'LIVECHAT/LIVECHAT ERASE API BLOCKED',
      'SURVEYMONKEY/SURVEYMONKEY ERASE API BLOCKED',
      'ADOBE_SIGN/ADOBE_SIGN ERASE API BLOCKED',
      'GOOGLE_ANALYTICS/GOOGLE_ANALYTICS ERASE API BLOCKED waits',
      ...CONSULTANTS('ERASE', 'BLOCKED'),
    ]);
  });

  it.each<[PlannableRequestType]>([['RECTIFICATION'], ['UNSUBSCRIBE'], ['OBJECTION'], ['CONSENT_WITHDRAWAL']])(
    'when the person is under legal hold and a %s is planned, then nothing is blocked (a hold stops erasure only)',
    (type) => {
      expect(plan(type, { legalHold: true })).toEqual(plan(type));
    },
  );

  it('when neither Salesforce nor Marketo carries the GA client id, then the Google Analytics erasure is MANUAL instead of reporting an erasure it could not do', () => {
    const connected = allSix();
    connected.set('SALESFORCE', createSalesforceConnector({ ...SALESFORCE_CONFIG, gaClientIdField: null }).capabilities);
    connected.set('MARKETO', { ...MARKETO_CAPABILITIES, carriesIdentifiers: [] });
    const tasks = plan('ERASURE', { connected });
    expect(rows(tasks)).toContain('GOOGLE_ANALYTICS/GOOGLE_ANALYTICS ERASE MANUAL MANUAL');
    expect(tasks.some((task) => task.capturesIdentifiers.length > 0 || task.waitsForCapture)).toBe(false);
    expect(detailOf(tasks, 'GOOGLE_ANALYTICS')).toBe(
      "Google Analytics erasure needs the person's Google Analytics client id, which no connected system carries: find it and erase the person in Google Analytics directly",
    );
  });

  it('when Salesforce has no GA client id field, then only Marketo captures it and Google Analytics still waits', () => {
    const connected = allSix();
    connected.set('SALESFORCE', createSalesforceConnector({ ...SALESFORCE_CONFIG, gaClientIdField: null }).capabilities);
    expect(rows(plan('ERASURE', { connected })).filter((row) => /captures|waits/.test(row))).toEqual([
      'MARKETO/MARKETO ERASE API PENDING captures GA_CLIENT_ID',
      'GOOGLE_ANALYTICS/GOOGLE_ANALYTICS ERASE API PENDING waits',
    ]);
  });

  it('when a system is connected but the register does not list it, then it gets no task (the register is the record of processing)', () => {
    const trimmed: Register = { ...register, processors: register.processors.filter((processor) => processor.key !== 'MARKETO') };
    const tasks = planTasks({ type: 'ERASURE', connected: allSix(), register: trimmed, legalHold: false });
    expect(tasks.some((task) => task.system === 'MARKETO')).toBe(false);
    expect(rows(tasks)).toContain('SALESFORCE/SALESFORCE ERASE API PENDING captures GA_CLIENT_ID');
  });

  it('when nothing is connected, then every register system gets a MANUAL task and the store its LOCAL one, one task per system', () => {
    const tasks = plan('ERASURE', { connected: new Map() });
    expect(tasks.map((task) => `${task.mode} ${task.status}`)).toEqual([
      'LOCAL PENDING',
      ...register.processors.map(() => 'MANUAL MANUAL'),
    ]);
    expect(new Set(tasks.map((task) => task.processor ?? task.system)).size).toBe(tasks.length);
  });

  it('when each request type is mapped to its action, then erasure erases, rectification rectifies, access exports and the rest opt out', () => {
    expect(
      (['ERASURE', 'RECTIFICATION', 'UNSUBSCRIBE', 'OBJECTION', 'CONSENT_WITHDRAWAL', 'ACCESS'] as const).map((type) => actionFor(type)),
    ).toEqual(['ERASE', 'RECTIFY', 'OPT_OUT', 'OPT_OUT', 'OPT_OUT', 'EXPORT']);
  });

  it('when an access request is planned with all six connected, then the gateway exports in one LOCAL task and only the consultants are asked by a person', () => {
    const tasks = plan('ACCESS');
    expect(rows(tasks)).toEqual(['LOCAL/- EXPORT LOCAL PENDING', ...CONSULTANTS('EXPORT')]);
    expect(detailOf(tasks, 'JAROOP')).toMatch(/^Ask Jaroop \(.+\) to send a copy of any personal data they hold about the person/);
  });

  it('when an access request is planned with Salesforce and Google Analytics not connected, then each gets a MANUAL export task naming it and the rest stay inside the LOCAL export', () => {
    const connected = allSix();
    connected.delete('SALESFORCE');
    connected.delete('GOOGLE_ANALYTICS');
    const tasks = plan('ACCESS', { connected });
    expect(rows(tasks)).toEqual([
      'LOCAL/- EXPORT LOCAL PENDING',
      'SALESFORCE/SALESFORCE EXPORT MANUAL MANUAL',
      'GOOGLE_ANALYTICS/GOOGLE_ANALYTICS EXPORT MANUAL MANUAL',
      ...CONSULTANTS('EXPORT'),
    ]);
    expect(detailOf(tasks, 'SALESFORCE')).toBe(
      'Salesforce is not connected to the gateway: export the data held about the person in Salesforce directly',
    );
  });

  it('when an access request is planned for a person under legal hold, then nothing is blocked (a hold stops erasure, not access)', () => {
    expect(plan('ACCESS', { legalHold: true }).map((task) => task.status)).not.toContain('BLOCKED');
  });

  it('when a chat removal is planned, then it is one MANUAL LiveChat task naming the chats by id and date and the Archives, never an API task (LiveChat cannot delete a chat)', () => {
    const chats = [
      { id: 'QX1CHAT001/TH00000001', at: '2024-01-15T09:00:00.000Z' },
      { id: 'QX1CHAT002/TH00000002', at: '2023-11-02T12:30:00.000Z' },
    ];
    const tasks = planTasks({ type: 'CHAT_REMOVAL', connected: allSix(), register, legalHold: false, chats });
    expect(rows(tasks)).toEqual(['LIVECHAT/LIVECHAT ERASE MANUAL MANUAL']);
    expect(tasks[0]?.detail).toBe(
      "LiveChat has no chat deletion API: delete 2 chat(s) past retention in LiveChat's Archives (or ask LiveChat support): QX1CHAT001/TH00000001 (2024-01-15), QX1CHAT002/TH00000002 (2023-11-02)",
    );
    expect(actionFor('CHAT_REMOVAL')).toBe('ERASE');
  });

  it('when a chat removal is planned for a person under legal hold, or with LiveChat not connected, then it is blocked, or says LiveChat is not connected', () => {
    const chats = Array.from({ length: 25 }, (_, index) => ({
      id: `CHAT${String(index).padStart(6, '0')}/THREAD0000`,
      at: '2023-01-01T00:00:00.000Z',
    }));
    expect(planTasks({ type: 'CHAT_REMOVAL', connected: allSix(), register, legalHold: true, chats }).map((task) => task.status)).toEqual([
      'BLOCKED',
    ]);
    const connected = allSix();
    connected.delete('LIVECHAT');
    const [task] = planTasks({ type: 'CHAT_REMOVAL', connected, register, legalHold: false, chats });
    expect(task?.detail).toMatch(/^LiveChat is not connected to the gateway: delete 25 chat\(s\)/);
    expect(task?.detail).toMatch(/CHAT000019\/THREAD0000 \(2023-01-01\) and 5 more listed in the request$/);
    expect(task?.detail?.length).toBeLessThanOrEqual(1000);
  });
});
