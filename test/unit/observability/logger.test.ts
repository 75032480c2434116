import { createLogger } from '../../../src/observability/logger';

function capture(level = 'info'): { lines: Array<Record<string, unknown>>; logger: ReturnType<typeof createLogger> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { lines, logger };
}

describe('the JSON logger', () => {
  it('when a line is written, then it is one JSON object with the service, an ISO time, the level and the message', () => {
    const { lines, logger } = capture();
    logger.info({ requestId: 'r-1' }, 'served');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ service: 'privacy-gateway', level: 30, requestId: 'r-1', msg: 'served' });
    expect(lines[0]?.time).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/));
  });

  it('when a line is below the configured level, then it is not written', () => {
    const { lines, logger } = capture('warn');
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((line) => line.msg)).toEqual(['loud']);
  });

  it('when personal data or credentials are logged by mistake under a known key, then each is censored', () => {
    const { lines, logger } = capture();
    const leaked = {
      email: 'ann@example.edu',
      emails: ['ann@example.edu'],
      firstName: 'Ann',
      lastName: 'Lee',
      phone: '+47 55 23 60 70',
      token: 'tok',
      authorization: 'Bearer tok',
      variables: { email: 'ann@example.edu' },
      password: 'pw',
      headers: { authorization: 'Bearer tok' },
      req: { headers: { authorization: 'Bearer tok' } },
      input: { email: 'ann@example.edu', phone: '1', token: 't', authorization: 'a', variables: {}, password: 'p' },
    };
    logger.info(leaked, 'oops');
    const line = lines[0]!;
    for (const key of ['email', 'emails', 'firstName', 'lastName', 'phone', 'token', 'authorization', 'variables', 'password']) {
      expect({ key, value: line[key] }).toEqual({ key, value: '[redacted]' });
    }
    expect(line.headers).toEqual({ authorization: '[redacted]' });
    expect(line.req).toEqual({ headers: { authorization: '[redacted]' } });
    expect(line.input).toEqual({
      email: '[redacted]',
      phone: '[redacted]',
      token: '[redacted]',
      authorization: '[redacted]',
      variables: '[redacted]',
      password: '[redacted]',
    });
    expect(JSON.stringify(line)).not.toMatch(/ann|Lee|55 23|tok"/);
  });

  it('when no destination is given, then a logger is still built (standard output)', () => {
    expect(createLogger('silent').level).toBe('silent');
  });
});
