import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { sandboxVendorEnv } from '../../../src/sandbox/vendor-env';
import { fromProjectRoot } from '../../../src/paths';
import type { PrivacyRequestView } from '../../../src/requests/request.types';
import { PrivacyRequestEntity } from '../../../src/store/entities/privacy-request.entity';
import { startHarness, VIEWER, type GatewayHarness } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import { until } from './engine-kit';

const ANN = 'ann.lee@example.edu';

interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The DPO's offline check, as they run it: the script against the served JWKS. */
function verifyWithScript(certificateFile: string, jwksUrl: string): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['ts-node', '--transpile-only', 'scripts/verify-certificate.ts', certificateFile, '--jwks', jwksUrl], {
      cwd: fromProjectRoot(),
      env: { ...process.env, NODE_ENV: 'test' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One character of the payload segment replaced by another base64url character. */
function alterOneByte(jws: string): string {
  const [header, payload = '', signature] = jws.split('.');
  const at = Math.floor(payload.length / 2);
  return `${header}.${payload.slice(0, at)}${payload[at] === 'A' ? 'B' : 'A'}${payload.slice(at + 1)}.${signature}`;
}

const CERTIFICATE_QUERY = 'query Certificate($id: ID!) { privacyRequest(id: $id) { id status certificate } }';

describeEachDatabase('erasure certificates', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'certificates-'));
    sandboxes = await startSandboxes({ demoQuotas: true });
    gateway = await startHarness(kind, {
      ...sandboxVendorEnv(sandboxes.urls),
      WORKER_POLL_MS: '50',
      TASK_RETRY_BASE_MS: '20',
      CERTIFICATE_KEY_FILE: join(dir, 'certificate-signing-key.json'),
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await sandboxes?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when anyone asks for /.well-known/jwks.json, then it gets the public key without its private part, cacheable, no token needed', async () => {
    const response = await axios.get(`${gateway.url}/.well-known/jwks.json`, { validateStatus: () => true });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/jwk-set+json');
    expect(response.headers['cache-control']).toBe('public, max-age=3600');
    const { keys } = response.data as { keys: Array<Record<string, unknown>> };
    expect(keys).toEqual([
      { kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: gateway.app.services.certificates.kid, alg: 'EdDSA', use: 'sig' },
    ]);
    expect(JSON.stringify(response.data)).not.toContain('"d"');
  });

  /** Files Ann's erasure through the API, lets the workers finish, confirms the manual tasks: COMPLETED. */
  async function completeErasure(): Promise<PrivacyRequestView> {
    const filed = await gateway.gql<{ eraseSubject: { id: string } }>(
      'mutation Erase($input: EraseSubjectInput!) { eraseSubject(input: $input) { id } }',
      { input: { email: ANN, reason: 'asked by email' } },
    );
    expect(filed.errors).toEqual([]);
    const id = filed.data?.eraseSubject.id ?? '';
    const waiting = await until(gateway, id, (view) =>
      view.tasks.every((task) => !['PENDING', 'RUNNING', 'RETRYING'].includes(task.status)),
    );
    const manual = waiting.tasks.filter((task) => task.status === 'MANUAL');
    expect(manual.length).toBeGreaterThan(0);
    expect((await gateway.gql(CERTIFICATE_QUERY, { id })).data).toEqual({
      privacyRequest: { id, status: 'IN_PROGRESS', certificate: null },
    });
    for (const task of manual) {
      const confirmed = await gateway.gql(
        'mutation Confirm($taskId: ID!, $note: String!) { confirmManualTask(taskId: $taskId, note: $note) { id } }',
        {
          taskId: task.id,
          note: 'processor confirmed deletion in ticket 4711',
        },
      );
      expect(confirmed.errors).toEqual([]);
    }
    return until(gateway, id, (view) => view.status === 'COMPLETED');
  }

  let completed: PrivacyRequestView;
  let certificate: string;

  it('when an erasure is completed end to end, then the engine stores its certificate, which verifies with the script against the served JWKS and fails after a one-byte change', async () => {
    completed = await completeErasure();
    const row = await gateway.app.dataSource.getRepository(PrivacyRequestEntity).findOneByOrFail({ id: completed.id });
    expect(row.certificate).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    certificate = row.certificate ?? '';
    expect(completed.certificate).toBe(certificate);
    const claims = JSON.parse(Buffer.from(certificate.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({
      jti: completed.id,
      type: 'ERASURE',
      subjectKey: completed.subjectKey,
      completedAt: completed.completedAt?.toISOString(),
    });
    expect(JSON.stringify(claims)).not.toContain(ANN);

    const file = join(dir, `${kind}-certificate.jws`);
    writeFileSync(file, certificate);
    const valid = await verifyWithScript(file, `${gateway.url}/.well-known/jwks.json`);
    expect(valid).toMatchObject({ code: 0 });
    expect(valid.stdout).toContain(`VALID: signed by key ${gateway.app.services.certificates.kid}`);
    expect(valid.stdout).toContain(`Certificate of request ${completed.id}`);
    expect(valid.stdout).toContain('Type: ERASURE');
    expect(valid.stdout).toMatch(/SALESFORCE ERASE: DONE, \d+ records?; verified empty on re-read/);
    expect(valid.stdout).toMatch(/GOOGLE_ANALYTICS ERASE: DONE.*; unverifiable/);
    expect(valid.stdout).toContain('manual: confirmed by DPO#');
    expect(valid.stdout).toContain(`Systems (${completed.tasks.length}):`);
    expect(valid.stdout).not.toContain(ANN);

    writeFileSync(file, alterOneByte(certificate));
    const altered = await verifyWithScript(file, `${gateway.url}/.well-known/jwks.json`);
    expect(altered.code).toBe(1);
    expect(altered.stderr).toContain('NOT VALID: the signature does not match');
  }, 90_000);

  it('when a completed erasure is read, then the DPO gets its certificate and a VIEWER gets FORBIDDEN on that field only', async () => {
    const { id } = completed;
    const asDpo = await gateway.gql(CERTIFICATE_QUERY, { id });
    expect(asDpo).toMatchObject({ errors: [], data: { privacyRequest: { id, status: 'COMPLETED', certificate } } });
    const asViewer = await gateway.gql(CERTIFICATE_QUERY, { id }, VIEWER);
    expect(asViewer.data).toEqual({ privacyRequest: { id, status: 'COMPLETED', certificate: null } });
    expect(asViewer.errors).toMatchObject([{ path: ['privacyRequest', 'certificate'], extensions: { code: 'FORBIDDEN' } }]);
  });
});
